/**
 * Time from `npm start` (the README's start path: build, migrate, seed, serve) on an empty data
 * folder to the first 200 from the landing page, next to a bare `node:http` server started and
 * polled the same way in the same run (what any process start costs on this machine right now).
 */
import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function timeToFirst200(command: string, args: string[], env: Record<string, string>): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(command, args, { env: { ...process.env, ...env, PORT: String(port) }, stdio: ["ignore", "ignore", "inherit"], detached: true });
  try {
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      const res = await fetch(`http://127.0.0.1:${port}/`).catch(() => null);
      if (res?.status === 200) return performance.now() - started;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${command} ${args.join(" ")}: no 200 within 120 s`);
  } finally {
    process.kill(-child.pid!, "SIGTERM");
  }
}

const bare = `require("node:http").createServer((q, s) => s.end("ok")).listen(process.env.PORT)`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const app: number[] = [];
const base: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "yaosu-start-"));
  // A nested folder that does not exist yet, as in a fresh clone.
  app.push(await timeToFirst200("npm", ["start"], { PGLITE_DIR: path.join(dir, "data", "pglite"), LOG_REQUESTS: "off", DATABASE_URL: "" }));
  await fs.rm(dir, { recursive: true, force: true });
  base.push(await timeToFirst200("node", ["-e", bare], {}));
}
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(`npm start, empty data folder -> first 200 on /: median ${s(median(app))} (runs: ${app.map(s).join(", ")}; build, migrate, seed included)`);
console.log(`baseline, bare node:http server -> first 200:   median ${s(median(base))} (runs: ${base.map(s).join(", ")})`);
console.log(`aim: under 10 s -> ${median(app) < 10_000 ? "met" : "NOT met"}`);
