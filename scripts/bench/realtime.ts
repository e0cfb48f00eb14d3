/**
 * Realtime benchmark (loopback only, bounded): N Socket.IO clients in one group channel, delivery
 * latency p50/p99 and deliveries/s, for one server process and for two processes sharing rooms
 * over Postgres (@socket.io/postgres-adapter), against a bare `ws` broadcast server in the same run.
 *
 *   npm run build && tsx scripts/bench/realtime.ts [--clients=500] [--messages=100]
 *
 * Two loads per server, because they answer different questions:
 *   - paced: each of the 10 senders posts one message every PACE_MS (~9 messages/s into a room of
 *     500 = ~4,500 deliveries/s, far busier than a working group gets). This is the latency a
 *     member sees; the aim (p99 < 100 ms on one process) is judged here.
 *   - burst: all 10 senders post back to back as soon as their previous message is acknowledged.
 *     This is throughput; latency here is mostly queueing, in the server and in this process,
 *     which decodes every delivery of all 500 clients on one core.
 *
 * Uses its own database on DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432/postgres),
 * dropped at the end. The channel's flood limit (10 messages / 10 s / user) holds, so messages come
 * from 10 senders sending at most 10 each, and runs on the same server are a window apart.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { io as ioClient, type Socket } from "socket.io-client";
import WebSocket from "ws";
import { createDb, migrateToLatest } from "../../db/index";
import { withDatabase } from "../../test/global-setup";
import { HttpClient } from "../../test/helpers/app";
import { PASSWORD } from "../../test/helpers/fixtures";
import { makeGroup } from "../../test/helpers/collab";

const arg = (name: string, fallback: number) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return Math.max(1, Math.min(Number(hit?.split("=")[1] ?? fallback), 5000));
};
const CLIENTS = arg("clients", 500);
const MESSAGES = Math.min(arg("messages", 100), 100);
const SENDERS = 10;
/** One message per sender per PACE_MS in the paced load; 10 per 10 s stays inside the flood limit. */
const PACE_MS = 1100;
const FLOOD_WINDOW_MS = 10_500;
type Load = "paced" | "burst";
const SERVER_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function startChild(args: string[], env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("server did not start")), 60_000);
    child.once("exit", (code) => reject(new Error(`server exited ${code}`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      try {
        const { port } = JSON.parse(line) as { port: number };
        clearTimeout(timer);
        resolve({ child, port });
      } catch {
        /* other output */
      }
    });
  });
}
const stopChild = (c: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (c.exitCode !== null || c.signalCode !== null) return resolve();
    const force = setTimeout(() => c.kill("SIGKILL"), 5000);
    c.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    c.kill("SIGTERM");
  });

interface Result {
  name: string;
  load: Load;
  clients: number;
  messages: number;
  deliveries: number;
  expected: number;
  p50: number;
  p99: number;
  perSecond: number;
}
const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);

/** Every receiver's deliveries go to whichever run is measuring now. */
class Arrivals {
  handler: (body: string) => void = () => {};
  readonly deliver = (body: string) => this.handler(body);
}

/** Shared measuring loop: senders send `MESSAGES` bodies "<nonce>"; receivers note the arrival time. */
async function measure(name: string, load: Load, receivers: number, arrivals: Arrivals, send: (i: number, body: string) => Promise<boolean>): Promise<Result> {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let lastArrival = 0;
  arrivals.handler = (body) => {
    const t0 = sentAt.get(body);
    if (t0 === undefined) return;
    const now = performance.now();
    latencies.push(now - t0);
    lastArrival = now;
  };
  const start = performance.now();
  let sent = 0;
  // Senders in parallel, each sending its share one after another (ack before the next); paced
  // senders start staggered and then keep to their slots.
  await Promise.all(
    Array.from({ length: SENDERS }, async (_, s) => {
      let slot = start + (load === "paced" ? (s * PACE_MS) / SENDERS : 0);
      for (let i = s; i < MESSAGES; i += SENDERS) {
        if (load === "paced") {
          await sleep(Math.max(0, slot - performance.now()));
          slot += PACE_MS;
        }
        const body = `bench-${name}-${load}-${i}-${Math.random().toString(36).slice(2, 8)}`;
        sentAt.set(body, performance.now());
        if (await send(i, body)) sent++;
      }
    }),
  );
  const expected = sent * receivers;
  for (let i = 0; i < 300 && latencies.length < expected; i++) await sleep(50); // at most 15 s
  const sorted = latencies.sort((a, b) => a - b);
  return {
    name,
    load,
    clients: receivers,
    messages: sent,
    deliveries: latencies.length,
    expected,
    p50: pct(sorted, 50),
    p99: pct(sorted, 99),
    perSecond: latencies.length / ((lastArrival - start) / 1000),
  };
}

/** Runs the paced load, waits out the flood window, then the burst, on the same connections. */
async function bothLoads(run: (load: Load) => Promise<Result>): Promise<Result[]> {
  const paced = await run("paced");
  await sleep(FLOOD_WINDOW_MS);
  return [paced, await run("burst")];
}

async function socketIoRun(name: string, ports: number[], groupId: string, readerCookie: string, senderCookies: string[]): Promise<Result[]> {
  const open = (port: number, cookie: string) =>
    new Promise<Socket>((resolve, reject) => {
      const s = ioClient(`http://127.0.0.1:${port}`, { transports: ["websocket"], extraHeaders: { cookie }, reconnection: false, forceNew: true });
      s.once("connect", () => resolve(s));
      s.once("connect_error", reject);
    });
  const join = (s: Socket) =>
    new Promise<void>((resolve, reject) =>
      s.timeout(20_000).emit("group:join", { groupId }, (err: unknown, r: { ok: boolean }) => (err || !r.ok ? reject(err ?? r) : resolve())),
    );
  const readers: Socket[] = [];
  for (let i = 0; i < CLIENTS; i += 50) {
    const batch = await Promise.all(Array.from({ length: Math.min(50, CLIENTS - i) }, (_, k) => open(ports[(i + k) % ports.length], readerCookie)));
    await Promise.all(batch.map(join));
    readers.push(...batch);
  }
  const senders = await Promise.all(senderCookies.map((c, k) => open(ports[k % ports.length], c)));
  await Promise.all(senders.map(join));
  await sleep(500);
  const arrivals = new Arrivals();
  for (const s of readers) s.on("group:message", (m: { body: string }) => arrivals.deliver(m.body));
  const results = await bothLoads((load) =>
    measure(
      name,
      load,
      readers.length,
      arrivals,
      (i, body) =>
        new Promise((resolve) =>
          senders[i % SENDERS].timeout(10_000).emit("group:message", { groupId, body }, (err: unknown, r: { ok: boolean; error?: string }) => {
            if (err || !r.ok) console.error(`  send refused: ${err ?? r.error}`);
            resolve(!err && r.ok);
          }),
        ),
    ),
  );
  for (const s of [...readers, ...senders]) s.disconnect();
  return results;
}

const WS_SERVER = `
import { WebSocketServer } from "ws";
const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
wss.on("listening", () => process.stdout.write(JSON.stringify({ port: wss.address().port }) + "\\n"));
wss.on("connection", (ws) => ws.on("message", (data) => {
  const out = JSON.stringify({ id: Date.now(), body: String(data) });
  for (const c of wss.clients) if (c.readyState === 1) c.send(out);
  ws.send(JSON.stringify({ ack: String(data) }));
}));
process.on("SIGTERM", () => process.exit(0));
`;

async function wsRun(): Promise<Result[]> {
  const { child, port } = await startChild(["--input-type=module", "-e", WS_SERVER], {});
  const open = () =>
    new Promise<WebSocket>((resolve, reject) => {
      const w = new WebSocket(`ws://127.0.0.1:${port}`);
      w.once("open", () => resolve(w));
      w.once("error", reject);
    });
  const readers: WebSocket[] = [];
  for (let i = 0; i < CLIENTS; i += 50) readers.push(...(await Promise.all(Array.from({ length: Math.min(50, CLIENTS - i) }, open))));
  const senders = await Promise.all(Array.from({ length: SENDERS }, open));
  const pending = new Map<string, () => void>();
  for (const s of senders)
    s.on("message", (d) => {
      const m = JSON.parse(String(d)) as { ack?: string };
      if (m.ack) pending.get(m.ack)?.();
    });
  const arrivals = new Arrivals();
  for (const w of readers) w.on("message", (d) => arrivals.deliver((JSON.parse(String(d)) as { body: string }).body));
  const results = await bothLoads((load) =>
    measure(
      "ws baseline (1 process)",
      load,
      readers.length,
      arrivals,
      (i, body) =>
        new Promise((resolve) => {
          const timer = setTimeout(() => resolve(false), 10_000);
          pending.set(body, () => {
            clearTimeout(timer);
            resolve(true);
          });
          senders[i % SENDERS].send(body);
        }),
    ),
  );
  for (const w of [...readers, ...senders]) w.terminate();
  await stopChild(child);
  return results;
}

async function main() {
  const name = `yaosu_bench_${process.pid}_${Date.now().toString(36)}`;
  const url = withDatabase(SERVER_URL, name);
  const admin = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const children: ChildProcess[] = [];
  const results: Result[] = [];
  try {
    const db = createDb({ databaseUrl: url, max: 3 });
    await migrateToLatest(db);
    const g = await makeGroup(db, [...Array.from({ length: SENDERS - 1 }, () => "member" as const), "observer"]);
    await db.destroy();
    const node = ["--import", "tsx", "test/helpers/cluster-node.ts"];
    const one = await startChild(node, { DATABASE_URL: url, ADAPTER: "off", NODE_ENV: "production" });
    children.push(one.child);
    const cookieOf = async (email: string) => {
      const c = new HttpClient(`http://127.0.0.1:${one.port}`);
      await c.signIn(email, PASSWORD);
      return c.cookieHeader;
    };
    const senderCookies = await Promise.all([g.convenor, ...g.members.slice(0, SENDERS - 1)].map((p) => cookieOf(p.email)));
    const readerCookie = await cookieOf(g.members[SENDERS - 1].email);

    results.push(...(await wsRun()));
    results.push(...(await socketIoRun("socket.io, 1 process", [one.port], g.groupId, readerCookie, senderCookies)));
    await stopChild(one.child);

    const two = await Promise.all([
      startChild(node, { DATABASE_URL: url, NODE_ENV: "production" }),
      startChild(node, { DATABASE_URL: url, NODE_ENV: "production" }),
    ]);
    children.push(...two.map((t) => t.child));
    results.push(
      ...(await socketIoRun(
        "socket.io, 2 processes + Postgres adapter",
        two.map((t) => t.port),
        g.groupId,
        readerCookie,
        senderCookies,
      )),
    );
  } finally {
    await Promise.all(children.map(stopChild));
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
  console.log(
    `\nRealtime benchmark: ${CLIENTS} clients in one room, ${MESSAGES} messages from ${SENDERS} senders, loopback, ${process.env.DATABASE_URL ? "DATABASE_URL" : "local Postgres"}\n`,
  );
  const loadName = (l: Load) => (l === "paced" ? `paced, ${((SENDERS * 1000) / PACE_MS).toFixed(1)} msg/s` : `burst, ${SENDERS} in flight`);
  console.log("| server | load | clients | messages | delivered / expected | p50 ms | p99 ms | deliveries/s |");
  console.log("|---|---|---|---|---|---|---|---|");
  for (const r of results)
    console.log(
      `| ${r.name} | ${loadName(r.load)} | ${r.clients} | ${r.messages} | ${r.deliveries} / ${r.expected} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${Math.round(r.perSecond)} |`,
    );
  console.log("\nAim: paced p99 < 100 ms on one process. Burst latency is queueing (see the header comment).");
}

await main();
process.exit(0);
