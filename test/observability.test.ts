import { Writable } from "node:stream";
import parsePrometheus from "parse-prometheus-text-format";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../app/models/accounts/api-keys.server";
import { createMailer, queueMail } from "../app/models/accounts/mail.server";
import { poolStatsOf } from "../db/index";
import { startApp } from "../server/app";
import { runDueJobs } from "../server/jobs";
import { createLogger } from "../server/log";
import { HttpClient, loadBuild } from "./helpers/app";
import { dbForSuite } from "./helpers/db";
import { PASSWORD, makeApprovedOrg, makeUser } from "./helpers/fixtures";
import { connected } from "./helpers/sockets";

const TOKEN = "metrics-token-for-the-test-0123456789";

type Family = { name: string; type: string; metrics: { value?: string; labels?: Record<string, string> }[] };

/**
 * The scrape read by a real Prometheus text parser (parse-prometheus-text-format): it throws on a
 * line that is not the exposition format. It folds a histogram with labels into one unlabelled
 * sample (a limit of the parser), so each histogram's `_bucket`, `_sum` and `_count` series are
 * read a second time without their HELP and TYPE lines, as untyped series with their labels.
 */
function parseScrape(text: string) {
  const families = parsePrometheus(text) as Family[];
  const histograms = families.filter((f) => f.type === "HISTOGRAM").map((f) => f.name);
  const unfolded = parsePrometheus(
    text
      .split("\n")
      .filter((l) => histograms.some((h) => l.startsWith(`${h}_`)))
      .join("\n"),
  ) as Family[];
  const series = (name: string) => [...families, ...unfolded].filter((f) => f.name === name).flatMap((f) => f.metrics);
  return { families, series, type: (name: string) => families.find((f) => f.name === name)?.type };
}

describe("the server's log and metrics", () => {
  const t = dbForSuite();
  const lines: string[] = [];
  let app: Awaited<ReturnType<typeof startApp>>;
  let bare: Awaited<ReturnType<typeof startApp>>;
  let base = "";

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split("\n").filter(Boolean));
        done();
      },
    });
    const mailer = createMailer(t.db, "", "要素 Yaosu <no-reply@yaosu.test>", () => {});
    const build = await loadBuild();
    // The models' log goes to the last app's logger (one per process): the one under test starts last.
    bare = await startApp({ db: t.db, build, port: 0, host: "127.0.0.1", mailer, logger: createLogger({ level: "silent" }) });
    app = await startApp({
      db: t.db,
      build,
      port: 0,
      host: "127.0.0.1",
      mailer,
      logRequests: true,
      logger: createLogger({ destination }),
      metricsToken: TOKEN,
    });
    base = `http://127.0.0.1:${app.port}`;
  });
  afterAll(async () => {
    await bare?.close();
    await app?.close();
  });

  const scrape = async () => {
    const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4|^text\/plain;.*version=0\.0\.4/);
    return parseScrape(await res.text());
  };

  it("logs one JSON line per line, each request's with its id, and no password, cookie, API key or token", async () => {
    const owner = await makeUser(t.db);
    const secretariat = await (await makeUser(t.db, { role: "secretariat" })).actor();
    const org = await makeApprovedOrg(t.db, secretariat);
    const apiKey = (await createApiKey(t.db, await org.owner.actor(), org.orgId, "log probe")).key;
    const resetToken = "Rst0kenValueThatMustNeverBeLogged_abcdefgh";

    const c = new HttpClient(base, "en");
    await c.signIn(owner.email, PASSWORD);
    const session = [...c.cookies.values()].join(";");
    expect(session.length).toBeGreaterThan(10);
    const answered: { id: string; status: number }[] = [];
    const note = (res: Response) => answered.push({ id: res.headers.get("x-request-id")!, status: res.status });
    note(await c.get("/"));
    note(await c.get(`/reset-password?token=${resetToken}`));
    note(await fetch(`${base}/api/v1/listings`, { headers: { authorization: `Bearer ${apiKey}` } }));
    // A method the page has no action for: the models' log (logError) writes a refusal line.
    note(await c.request("/about", { method: "POST", body: new URLSearchParams({ password: PASSWORD }) }));
    // Lines are written when each answer has finished: wait for the last request's.
    for (let i = 0; i < 50 && !lines.some((l) => l.includes(answered.at(-1)!.id) && l.includes('"msg":"request"')); i++)
      await new Promise((r) => setTimeout(r, 20));

    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed.length).toBeGreaterThan(answered.length);
    // Every line written while requests were handled belongs to one of them.
    for (const line of parsed) {
      expect(line.reqId, JSON.stringify(line)).toEqual(expect.any(String));
      expect(typeof line.level).toBe("string");
      expect(typeof line.time).toBe("string");
    }
    for (const { id, status } of answered) {
      const request = parsed.find((l) => l.reqId === id && l.msg === "request");
      expect(request, id).toMatchObject({ level: "info", status, route: expect.any(String), ms: expect.any(Number) });
    }
    const refused = parsed.find((l) => l.msg === "refused");
    expect(refused).toMatchObject({ level: "info", status: 405, reqId: answered[3].id });
    expect(parsed.find((l) => l.reqId === answered[1].id && l.msg === "request")?.url).toBe("/reset-password?token=[redacted]");

    const all = lines.join("\n");
    for (const secret of [PASSWORD, apiKey, resetToken, ...[...c.cookies.values()]]) expect(all).not.toContain(secret);
  });

  it("/metrics: 404 where no token is configured, 401 without the token or with a wrong one", async () => {
    expect((await fetch(`http://127.0.0.1:${bare.port}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
    const none = await fetch(`${base}/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: TOKEN } })).status).toBe(401);
  });

  it("request latency per route pattern, never per raw URL", async () => {
    const ids = ["00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002", "00000000-0000-4000-8000-000000000003"];
    // Each body read to its end: a request is measured when its answer has finished.
    for (const id of ids) await (await fetch(`${base}/listings/${id}`)).text();
    await (await fetch(`${base}/healthz`)).text();
    await (await fetch(`${base}/favicon.ico`)).arrayBuffer();
    const m = await scrape();
    expect(m.type("yaosu_http_request_duration_seconds")).toBe("HISTOGRAM");
    const counts = m.series("yaosu_http_request_duration_seconds_count");
    const listing = counts.filter((s) => s.labels?.route === "routes/listings.$id" && s.labels.method === "GET");
    expect(listing.reduce((n, s) => n + Number(s.value), 0)).toBeGreaterThanOrEqual(3);
    expect(counts.find((s) => s.labels?.route === "/healthz")?.value).toBe("1");
    for (const s of counts) for (const id of ids) expect(Object.values(s.labels ?? {}).join(" ")).not.toContain(id);
    // The buckets are cumulative and end at +Inf = count.
    const buckets = m.series("yaosu_http_request_duration_seconds_bucket").filter((s) => s.labels?.route === "/healthz");
    expect(buckets.find((b) => b.labels?.le === "+Inf")?.value).toBe("1");
  });

  it("socket connections and rooms, job runs and failures, outbox depth, database pool", async () => {
    const member = await makeUser(t.db);
    const c = new HttpClient(base, "en");
    await c.signIn(member.email, PASSWORD);
    const socket = c.socket();
    await connected(socket);
    await runDueJobs(
      t.db,
      {},
      [
        { name: "probe-ok", period: () => "p1", run: async () => {} },
        {
          name: "probe-failing",
          period: () => "p1",
          run: async () => {
            throw new Error("probe failure");
          },
        },
      ],
      new Date(),
      app.metrics.observeJob,
    );
    await queueMail(t.db, { to: "someone@example.test", kind: "probe", subject: "probe", lines: ["probe"] });
    const waiting = Number(
      (
        await t.db
          .selectFrom("mail_outbox")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("sent_at", "is", null)
          .where("failed_at", "is", null)
          .executeTakeFirstOrThrow()
      ).n,
    );

    const m = await scrape();
    try {
      expect(m.type("yaosu_socket_connections")).toBe("GAUGE");
      expect(Number(m.series("yaosu_socket_connections")[0].value)).toBeGreaterThanOrEqual(1);
      // A signed-in socket joins its user's room.
      expect(Number(m.series("yaosu_socket_rooms")[0].value)).toBeGreaterThanOrEqual(1);
      expect(m.type("yaosu_job_runs_total")).toBe("COUNTER");
      const runs = m.series("yaosu_job_runs_total");
      expect(runs.find((s) => s.labels?.job === "probe-ok" && s.labels.outcome === "ok")?.value).toBe("1");
      expect(runs.find((s) => s.labels?.job === "probe-failing" && s.labels.outcome === "failed")?.value).toBe("1");
      expect(waiting).toBeGreaterThanOrEqual(1);
      expect(Number(m.series("yaosu_mail_outbox_depth")[0].value)).toBe(waiting);
      // The app's pool where the driver has one (Postgres); PGlite is one connection in the process.
      const pool = m.series("yaosu_db_pool_connections").filter((s) => s.labels?.pool === "app");
      const stats = poolStatsOf(t.db);
      expect(pool.find((s) => s.labels?.state === "max")?.value).toBe(stats ? String(stats.max) : undefined);
      // The process itself: memory and event-loop lag.
      expect(m.type("yaosu_process_resident_memory_bytes")).toBe("GAUGE");
      expect(m.type("yaosu_nodejs_eventloop_lag_seconds")).toBe("GAUGE");
    } finally {
      socket.disconnect();
    }
  });
});
