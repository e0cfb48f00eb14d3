import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import postgres from "postgres";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, migrateToLatest, type Db } from "../db/index";
import { withDatabase } from "./global-setup";
import { HttpClient } from "./helpers/app";
import { PASSWORD } from "./helpers/fixtures";
import { makeGroup, type Person } from "./helpers/collab";
import { ack, connected } from "./helpers/sockets";
import { SOCKET_RETRY_MS, SOCKET_UNAVAILABLE } from "../app/lib/socket";

/**
 * Two server processes sharing rooms through @socket.io/postgres-adapter. Runs in every run:
 * on its own database created on DATABASE_URL's server, or on the local Postgres otherwise.
 */
const SERVER_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startNode(databaseUrl: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/helpers/cluster-node.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: "0", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("cluster node did not start")), 45_000);
    child.once("exit", (code) => reject(new Error(`cluster node exited ${code}`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      try {
        const { port } = JSON.parse(line) as { port: number };
        clearTimeout(timer);
        resolve(port);
      } catch {
        /* other output */
      }
    });
  });
  return { child, port };
}

describe("the group channel across two server processes", () => {
  const name = `yaosu_cluster_${process.pid}_${Date.now().toString(36)}`;
  const url = withDatabase(SERVER_URL, name);
  const admin = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
  let db: Db;
  let groupId: string;
  let convenor: Person;
  let member: Person;
  let observer: Person;
  const nodes: { child: ChildProcess; port: number }[] = [];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    await admin.unsafe(`create database "${name}"`);
    db = createDb({ databaseUrl: url, max: 3 });
    await migrateToLatest(db);
    const g = await makeGroup(db, ["member", "observer"]);
    ({ groupId, convenor } = g);
    [member, observer] = g.members;
    nodes.push(...(await Promise.all([startNode(url), startNode(url)])));
  }, 120_000);

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    const alive = nodes.filter((n) => n.child.exitCode === null && n.child.signalCode === null);
    await Promise.all(
      alive.map(
        (n) =>
          new Promise<void>((resolve) => {
            const force = setTimeout(() => n.child.kill("SIGKILL"), 5000);
            n.child.once("exit", () => {
              clearTimeout(force);
              resolve();
            });
            n.child.kill("SIGTERM");
          }),
      ),
    );
    await db?.destroy();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }, 60_000);

  const connect = async (person: Person, port: number, cookies?: Map<string, string>) => {
    const c = new HttpClient(`http://127.0.0.1:${port}`);
    if (cookies) for (const [k, v] of cookies) c.cookies.set(k, v);
    else await c.signIn(person.email, PASSWORD);
    const s = c.socket();
    sockets.push(s);
    // As the browser does (app/lib/socket.ts): a handshake the server could not check yet is tried again.
    for (let attempt = 1; ; attempt++) {
      try {
        await connected(s);
        break;
      } catch (e) {
        if ((e as Error).message !== SOCKET_UNAVAILABLE || attempt === 5) throw e;
        await sleep(SOCKET_RETRY_MS);
        s.connect();
      }
    }
    return { c, s };
  };

  it("cross-node delivery outlives its connections being cut four times (as by database restarts); /readyz says when it is down", async () => {
    const [a, b] = nodes;
    const ready = async (port: number) => (await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()) as { ok: boolean; crossNode?: string };
    const until = async (check: () => Promise<boolean>, what: string) => {
      for (let i = 0; i < 200; i++)
        if (await check()) return;
        else await sleep(100);
      throw new Error(`timed out waiting for ${what}`);
    };
    for (const n of nodes) await until(async () => (await ready(n.port)).crossNode === "delivering", "both nodes delivering");
    const sender = await connect(member, a.port);
    const reader = await connect(convenor, b.port);
    const seen: string[] = [];
    reader.s.on("group:message", (m: { id: string }) => seen.push(m.id));
    // As the channel page does: told that delivery was down, ask for everything after the last id seen.
    let resyncs = 0;
    reader.s.on("realtime:resync", async () => {
      resyncs++;
      const afterId = seen.reduce((m, id) => (Number(id) > Number(m) ? id : m), "0");
      const caught = await ack(reader.s, "group:join", { groupId, afterId });
      for (const m of caught.messages as { id: string }[]) seen.push(m.id);
    });
    for (const x of [sender, reader]) expect(await ack(x.s, "group:join", { groupId })).toMatchObject({ ok: true });

    // Four times the adapter pool's size of 4 would be exhausted by leaked dead clients.
    for (let round = 1; round <= 5; round++) {
      const cut = await admin.unsafe(
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}' and application_name = 'yaosu-socket-adapter'`,
      );
      expect(cut.length, `round ${round}: adapter connections found to cut`).toBeGreaterThan(0);
      await until(
        async () => (await ready(b.port)).crossNode === "delivering" && (await ready(a.port)).crossNode === "delivering",
        `round ${round}: delivering again`,
      );
      const sent = await ack(sender.s, "group:message", { groupId, body: `切断后 ${round}` });
      expect(sent.ok).toBe(true);
      await until(async () => seen.includes(sent.message.id), `round ${round}: the message on the other node`);
    }
    // The reader's node told it to ask for what it may have missed while it could not hear A.
    expect(resyncs).toBeGreaterThanOrEqual(1);
    sender.s.disconnect();
    reader.s.disconnect();
  }, 90_000);

  it("a message sent on one process arrives on the other; after one process dies, reconnecting clients lose nothing acknowledged", async () => {
    const [a, b] = nodes;
    const onA = await connect(member, a.port); // sender on A
    const readerA = await connect(observer, a.port); // reader on A, will lose its server
    const onB = await connect(convenor, b.port); // sender and reader on B

    const seenByReader: string[] = [];
    const seenOnB: string[] = [];
    readerA.s.on("group:message", (m: { id: string }) => seenByReader.push(m.id));
    onB.s.on("group:message", (m: { id: string }) => seenOnB.push(m.id));
    for (const x of [onA, readerA, onB]) expect(await ack(x.s, "group:join", { groupId })).toMatchObject({ ok: true });

    // Across processes.
    const first = await ack(onA.s, "group:message", { groupId, body: "来自 A 进程" });
    expect(first.ok).toBe(true);
    for (let i = 0; i < 50 && !seenOnB.includes(first.message.id); i++) await sleep(50);
    expect(seenOnB).toContain(first.message.id);
    const second = await ack(onB.s, "group:message", { groupId, body: "来自 B 进程" });
    for (let i = 0; i < 50 && !seenByReader.includes(second.message.id); i++) await sleep(50);
    expect(seenByReader).toContain(second.message.id);

    // Mid-conversation: both sides keep sending while A is killed.
    const acked: string[] = [first.message.id, second.message.id];
    const sendLoop = async (s: Socket, prefix: string, n: number) => {
      for (let i = 0; i < n; i++) {
        try {
          const r = await ack(s, "group:message", { groupId, body: `${prefix} ${i}` }, 2000);
          if (r.ok) acked.push(r.message.id);
        } catch {
          /* not acknowledged: the sender may retry, nothing was promised */
        }
        await sleep(60);
      }
    };
    const loops = Promise.all([sendLoop(onA.s, "A", 8), sendLoop(onB.s, "B", 8)]);
    await sleep(200);
    a.child.kill("SIGKILL");
    await loops;
    expect(a.child.signalCode ?? (await new Promise((r) => a.child.once("exit", (_c, sig) => r(sig))))).toBe("SIGKILL");

    // The reader reconnects to B with the last id it saw and catches up.
    const lastSeen = seenByReader.reduce((m, id) => (Number(id) > Number(m) ? id : m), "0");
    const back = await connect(observer, b.port, readerA.c.cookies);
    const caught = await ack(back.s, "group:join", { groupId, afterId: lastSeen });
    expect(caught.ok).toBe(true);
    const received = new Set([...seenByReader, ...caught.messages.map((m: { id: string }) => m.id)]);
    const lost = acked.filter((id) => !received.has(id));
    expect(acked.length).toBeGreaterThanOrEqual(10);
    expect(lost).toEqual([]);
    // The sender that lost its server reconnects too and can carry on.
    const senderBack = await connect(member, b.port, onA.c.cookies);
    await ack(senderBack.s, "group:join", { groupId });
    expect((await ack(senderBack.s, "group:message", { groupId, body: "回来了" })).ok).toBe(true);
  }, 90_000);
});
