/**
 * npm run backup -- [file]
 * Postgres (DATABASE_URL set): pg_dump in custom format, consistent while the app runs.
 * PGlite: a compressed copy of the data folder, taken with the app stopped (the folder has one
 * writer; the lock says who holds it).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pgliteDataDir } from "../db/index";
import { lockForMaintenance } from "./maintenance-lock";

const url = process.env.DATABASE_URL;
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const file = path.resolve(process.argv[2] ?? `backups/yaosu-${stamp}.${url ? "dump" : "tar.gz"}`);
fs.mkdirSync(path.dirname(file), { recursive: true });

if (url) {
  execFileSync("pg_dump", ["--format=custom", "--no-owner", `--file=${file}`, url], { stdio: "inherit" });
} else {
  const dataDir = pgliteDataDir();
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    console.error(`No embedded database in ${dataDir}.`);
    process.exit(1);
  }
  const release = lockForMaintenance(dataDir, "Back up the embedded database with the app stopped.");
  const pg = new PGlite(dataDir);
  const dump = await pg.dumpDataDir("gzip");
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await pg.close();
  release();
}
console.log(`backup written to ${file} (${(fs.statSync(file).size / 1024).toFixed(0)} KB)`);
