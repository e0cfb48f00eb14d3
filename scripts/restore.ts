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
import { DataDirInUse, lockDataDir } from "../db/index";

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
  const dataDir = path.resolve(process.env.PGLITE_DIR ?? "./data/pglite");
  if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).some((f) => f !== "yaosu.lock")) {
    if (!force) {
      console.error(`${dataDir} already holds a database. Stop the app, then run again with --force to replace it.`);
      process.exit(1);
    }
  }
  fs.mkdirSync(dataDir, { recursive: true });
  let release: () => void;
  try {
    release = lockDataDir(dataDir);
  } catch (e) {
    if (e instanceof DataDirInUse) {
      console.error(`${e.message}\nRestore with the app stopped.`);
      process.exit(1);
    }
    throw e;
  }
  for (const f of fs.readdirSync(dataDir)) if (f !== "yaosu.lock") fs.rmSync(path.join(dataDir, f), { recursive: true, force: true });
  const pg = new PGlite(dataDir, { loadDataDir: new Blob([fs.readFileSync(file)]) });
  await pg.waitReady;
  await pg.close();
  release();
}
console.log(`restored ${file}`);
