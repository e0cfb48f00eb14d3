/**
 * npm run restore -- <file> [--force]
 * Postgres (DATABASE_URL set): pg_restore into that database, replacing what is there.
 * PGlite: unpacks the copy into PGLITE_DIR, which must be empty (or --force to replace it), with
 * the app stopped.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { LOCK_FILE, pgliteDataDir } from "../db/index";
import { lockForMaintenance } from "./maintenance-lock";

const args = process.argv.slice(2);
const force = args.includes("--force");
const file = args.find((a) => !a.startsWith("--"));
if (!file || !fs.existsSync(file)) {
  console.error("usage: npm run restore -- <backup file> [--force]");
  process.exit(1);
}
const url = process.env.DATABASE_URL;

if (url) {
  execFileSync("pg_restore", ["--clean", "--if-exists", "--no-owner", `--dbname=${url}`, file], { stdio: "inherit" });
} else {
  const dataDir = pgliteDataDir();
  if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).some((f) => f !== LOCK_FILE)) {
    if (!force) {
      console.error(`${dataDir} already holds a database. Stop the app, then run again with --force to replace it.`);
      process.exit(1);
    }
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const release = lockForMaintenance(dataDir, "Restore with the app stopped.");
  for (const f of fs.readdirSync(dataDir)) if (f !== LOCK_FILE) fs.rmSync(path.join(dataDir, f), { recursive: true, force: true });
  const pg = new PGlite(dataDir, { loadDataDir: new Blob([fs.readFileSync(file)]) });
  await pg.waitReady;
  await pg.close();
  release();
}
console.log(`restored ${file}`);
