/**
 * `npm start`: build, then migrate, seed and serve, with the two slow halves side by side.
 *
 * A first start spends most of its time in work that needs no pages: creating the embedded
 * database (PGlite's initdb), migrating and seeding it. So the server is bundled first (esbuild,
 * a fraction of a second) and starts in this process at once, while Remix builds the pages in a
 * child process at a lower priority (the server's start is the longer path). The server imports
 * the pages only after this build has written them (server/index.ts awaits PAGES_WRITTEN). Nothing
 * is kept from an earlier run: every start builds everything afresh, as `npm run build` does.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import os from "node:os";
import { buildServer } from "./build-server.mjs";

const remixCli = createRequire(import.meta.url).resolve("@remix-run/dev/dist/cli.js");
const remix = spawn(process.execPath, [remixCli, "build"], { stdio: "inherit" });
try {
  os.setPriority(remix.pid, 10);
} catch {
  // Not allowed here: the build just competes as an equal.
}
process.once("exit", () => remix.exitCode === null && remix.kill());
const written = new Promise((resolve, reject) => {
  remix.once("error", reject);
  remix.once("exit", (code, signal) => (code === 0 ? resolve() : reject(new Error(`remix build failed (${signal ?? `exit code ${code}`})`))));
});
// Awaited by the server before it imports the pages; a failed build stops the start there.
written.catch(() => {});
globalThis[Symbol.for("yaosu.pagesWritten")] = written;

await buildServer();
process.env.NODE_ENV = "production";
await import("../build/server/index.js");
