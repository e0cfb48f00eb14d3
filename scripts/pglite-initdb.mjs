/**
 * Creating an embedded database starts with PGlite's initdb (an empty cluster): about two thirds of
 * a first `npm start` on a fresh clone, and the same bytes every time for one PGlite version. The
 * install makes that empty cluster once and keeps it beside the package (node_modules/.cache), and
 * db/index.ts opens a new data folder from it instead of running initdb again. Migrations and the
 * demo seed still run on every new database, as before: only the part that never changes is kept.
 *
 * Run by `npm install` / `npm ci` (postinstall). A failure here only costs the saving: it is
 * reported and the install goes on (openPGlite falls back to initdb).
 */
import fs from "node:fs";
import path from "node:path";
import { initdbCachePath } from "../db/pglite-initdb-cache.mjs";

try {
  const target = initdbCachePath();
  if (!fs.existsSync(target)) {
    const { PGlite } = await import("@electric-sql/pglite");
    const started = performance.now();
    const pg = new PGlite();
    await pg.waitReady;
    const dump = await pg.dumpDataDir("gzip");
    await pg.close();
    fs.mkdirSync(path.dirname(target), { recursive: true });
    // Written whole, then renamed: a half-written cache is never read.
    fs.writeFileSync(`${target}.tmp`, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(`${target}.tmp`, target);
    console.log(`pglite: empty cluster kept for new databases (${Math.round(performance.now() - started)} ms, ${dump.size} bytes)`);
  }
} catch (e) {
  console.warn(`pglite: could not keep an empty cluster (${e instanceof Error ? e.message : e}); new databases run initdb`);
}
