import { DataDirInUse, lockDataDir } from "../db/index";

/**
 * Backup and restore work on the embedded database only with the app stopped: take the folder's
 * lock, or say which process holds it and what to do, and exit.
 */
export function lockForMaintenance(dataDir: string, advice: string): () => void {
  try {
    return lockDataDir(dataDir);
  } catch (e) {
    if (!(e instanceof DataDirInUse)) throw e;
    console.error(`${e.message}\n${advice}`);
    process.exit(1);
  }
}
