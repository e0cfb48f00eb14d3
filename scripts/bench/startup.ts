/** Time from `npm start` on an empty data folder to the first 200 from the landing page (build included). */
import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

const dir = await fs.mkdtemp(path.join(os.tmpdir(), "yaosu-start-"));
const port = await freePort();
const started = performance.now();
const child = spawn("npm", ["start"], {
  env: { ...process.env, PORT: String(port), PGLITE_DIR: path.join(dir, "pglite"), LOG_REQUESTS: "off", DATABASE_URL: "" },
  stdio: ["ignore", "pipe", "inherit"],
  detached: true,
});
let firstOk = 0;
const deadline = Date.now() + 120_000;
while (Date.now() < deadline) {
  const res = await fetch(`http://127.0.0.1:${port}/`).catch(() => null);
  if (res?.status === 200) {
    firstOk = performance.now() - started;
    break;
  }
  await new Promise((r) => setTimeout(r, 100));
}
process.kill(-child.pid!, "SIGTERM");
await fs.rm(dir, { recursive: true, force: true });
if (!firstOk) {
  console.error("no 200 within 120 s");
  process.exit(1);
}
console.log(`npm start on an empty data folder -> first 200 on / in ${(firstOk / 1000).toFixed(2)} s (build, migrate, seed included)`);
