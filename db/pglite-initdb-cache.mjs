// Plain JavaScript: read by the install script (scripts/pglite-initdb.mjs) before anything is built,
// and by db/index.ts.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/**
 * Where the install keeps PGlite's empty cluster: named after the PGlite version, so a different
 * PGlite never opens a cluster another version made.
 */
export function initdbCachePath() {
  const entry = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  const marker = `${path.sep}node_modules${path.sep}`;
  const nodeModules = entry.slice(0, entry.lastIndexOf(marker) + marker.length - 1);
  const pkg = JSON.parse(fs.readFileSync(path.join(nodeModules, "@electric-sql", "pglite", "package.json"), "utf8"));
  return path.join(nodeModules, ".cache", "yaosu", `pglite-${pkg.version}-initdb.tar.gz`);
}
