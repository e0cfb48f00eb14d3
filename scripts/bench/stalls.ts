/**
 * Does one heavy request stall everyone else? `/healthz` latency, asked every 10 ms by a separate
 * process, while one request of each heavy kind runs against the server (this process, PGlite,
 * the demo data, the production build):
 *
 *   images   a scenario form with six 1600×1600 JPEGs (decode, re-encode, store)
 *   bodies   six page posts of 32 MB at once (a form route that takes no files)
 *   diff     an anonymous diff of two 99,000-line versions of a public draft
 *
 * Each kind prints p50 / p99 / max of /healthz during the request and the request's own time,
 * next to a baseline of /healthz with nothing else running. Aim (issue 26): p99 under 100 ms.
 *
 *   npm run bench:stalls -- [images|bodies|diff ...]
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import sharp from "sharp";
import { createDb, migrateToLatest } from "../../db/index";
import { DEMO_PASSWORD, seedDemo } from "../../db/seed/index";
import { startApp } from "../../server/app";
import { createMailer } from "../../app/models/accounts/mail.server";
import { HttpClient, loadBuild } from "../../test/helpers/app";

const PINGER = `
const http = require("node:http");
const url = process.argv[1];
const times = [];
let stop = false;
process.on("message", () => { stop = true; process.send(times); });
(function ping() {
  if (stop) return;
  const t0 = performance.now();
  http.get(url, { agent: false }, (res) => { res.resume(); res.on("end", () => { if (times.push(performance.now() - t0) === 5) process.send("ready"); setTimeout(ping, 10); }); })
    .on("error", () => setTimeout(ping, 10));
})();`;

/** /healthz latencies (ms) from another process while `work` runs. */
async function healthzDuring(base: string, work: () => Promise<unknown>): Promise<{ times: number[]; workMs: number }> {
  const pinger = spawn(process.execPath, ["-e", PINGER, `${base}/healthz`], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  // Starts once the pinger is answered steadily; what it measured before that is dropped.
  await new Promise((r) => pinger.once("message", r));
  const t0 = performance.now();
  await work();
  const workMs = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 50));
  const times = await new Promise<number[]>((resolve) => {
    pinger.once("message", (m) => resolve((m as number[]).slice(5)));
    pinger.send("stop");
  });
  pinger.kill();
  return { times, workMs };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
const row = (name: string, r: { times: number[]; workMs: number }) =>
  console.log(
    `${name.padEnd(10)} request ${r.workMs.toFixed(0).padStart(6)} ms   /healthz p50 ${pct(r.times, 50).toFixed(1).padStart(6)}  p99 ${pct(r.times, 99)
      .toFixed(1)
      .padStart(7)}  max ${Math.max(...r.times)
      .toFixed(1)
      .padStart(7)} ms  (${r.times.length} pings)`,
  );

/**
 * `count` raw POSTs of `bytes` each (declared up front), sent from another process so that writing
 * them costs the server nothing: resolves with what each client saw, the status or the socket error.
 */
function bigPosts(url: string, count: number, bytes: number, headers: Record<string, string>): Promise<string[]> {
  const code = `
const http = require("node:http");
const [url, count, bytes, headers] = [process.argv[1], Number(process.argv[2]), Number(process.argv[3]), JSON.parse(process.argv[4])];
const one = () => new Promise((resolve) => {
  const req = http.request(url, { method: "POST", headers: { ...headers, "content-length": String(bytes) } });
  req.on("response", (res) => { res.resume(); res.on("end", () => resolve(String(res.statusCode))); });
  req.on("error", (e) => resolve(e.code || e.message));
  const chunk = Buffer.alloc(64 * 1024, "a");
  let sent = 0;
  const pump = () => {
    while (sent < bytes) {
      const n = Math.min(chunk.length, bytes - sent);
      sent += n;
      if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return req.once("drain", pump);
    }
    req.end();
  };
  pump();
});
Promise.all(Array.from({ length: count }, one)).then((r) => process.stdout.write(JSON.stringify(r)));`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["-e", code, url, String(count), String(bytes), JSON.stringify(headers)], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
    child.on("exit", () => resolve(JSON.parse(out || "[]") as string[]));
  });
}

async function main() {
  const kinds = process.argv.slice(2).length ? process.argv.slice(2) : ["images", "bodies", "diff"];
  // On disk, as `npm start` runs it: the in-memory file system copies a growing table file on every extension.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "yaosu-stalls-"));
  const pg = new PGlite(dir);
  const db = createDb({ pglite: pg });
  await migrateToLatest(db);
  await seedDemo(db);
  const mailer = createMailer(db, "", "bench <bench@yaosu.test>", () => {});
  const app = await startApp({ db, build: await loadBuild(), port: 0, host: "127.0.0.1", mailer });
  const base = `http://127.0.0.1:${app.port}`;
  try {
    row("idle", await healthzDuring(base, () => new Promise((r) => setTimeout(r, 2000))));

    if (kinds.includes("images")) {
      const member = new HttpClient(base, "en");
      await member.signIn("baiyun-logistics@yaosu.demo", DEMO_PASSWORD);
      const photos = await Promise.all(
        [0, 1, 2, 3, 4, 5].map((i) =>
          sharp({ create: { width: 1600, height: 1600, channels: 3, background: { r: 0, g: 0, b: 0 }, noise: { type: "gaussian", mean: 100 + i, sigma: 60 } } })
            .jpeg({ quality: 90 })
            .toBuffer(),
        ),
      );
      const form = () => {
        const body = new FormData();
        const fields = {
          title: "台风季港口作业调度",
          sector: "transport",
          region: "nansha",
          problem: "台风季港区作业需要结合气象与船期数据调整堆场和泊位计划。",
        };
        for (const [k, v] of Object.entries(fields)) body.append(k, v);
        body.append("deliveryModes", "api");
        body.append("results", "");
        for (const [i, p] of photos.entries()) body.append("imageFiles", new Blob([new Uint8Array(p)], { type: "image/jpeg" }), `p${i}.jpg`);
        return body;
      };
      // Warm-up: the first scenario loads the word segmenter's dictionary; a running server has it.
      const warm = form();
      warm.delete("imageFiles");
      await member.request("/scenarios/new", { method: "POST", body: warm });
      let status = 0;
      row(
        "images",
        await healthzDuring(base, async () => {
          status = (await member.request("/scenarios/new", { method: "POST", body: form() })).status;
        }),
      );
      console.log(`           (${(photos.reduce((n, p) => n + p.length, 0) / 1e6).toFixed(1)} MB of JPEG, answered ${status})`);
    }

    if (kinds.includes("bodies")) {
      const member = new HttpClient(base, "en");
      await member.signIn("baiyun-logistics@yaosu.demo", DEMO_PASSWORD);
      const headers = { "content-type": "multipart/form-data; boundary=x", origin: base, cookie: member.cookieHeader };
      let answers: string[] = [];
      row(
        "bodies",
        await healthzDuring(base, async () => {
          answers = await bigPosts(`${base}/listings/new`, 6, 32 * 1024 * 1024 - 1024, headers);
        }),
      );
      const fives = await bigPosts(`${base}/scenarios/new`, 3, 33 * 1024 * 1024, headers);
      console.log(`           six 32 MB posts to /listings/new answered ${answers.join(" ")}; three 33 MB uploads answered ${fives.join(" ")}`);
    }

    if (kinds.includes("diff")) {
      const draft = await db.selectFrom("drafts").select(["id", "group_id"]).where("stage", "=", "public_comment").executeTakeFirstOrThrow();
      const author = await db.selectFrom("users").select("id").executeTakeFirstOrThrow();
      const lines = Array.from({ length: 99_000 }, (_, i) => String(i % 10));
      const changed = lines.map((l, i) => (i % 1000 === 0 ? `${l}x` : l));
      await db
        .insertInto("draft_versions")
        .values([
          { draft_id: draft.id, number: 101, body: lines.join("\n"), author_id: author.id, note: null },
          { draft_id: draft.id, number: 102, body: changed.join("\n"), author_id: author.id, note: null },
        ])
        .execute();
      // Warm-up: the page's first render in this process (same version twice, no diff work).
      await new HttpClient(base, "en").get(`/groups/${draft.group_id}/drafts/${draft.id}/diff?from=101&to=101`);
      let status = 0;
      row(
        "diff",
        await healthzDuring(base, async () => {
          status = (await new HttpClient(base, "en").get(`/groups/${draft.group_id}/drafts/${draft.id}/diff?from=101&to=102`)).status;
        }),
      );
      console.log(`           (answered ${status})`);
    }
  } finally {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
