import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import type { ServerBuild } from "@remix-run/node";
import type { Socket } from "socket.io-client";
import type { Db } from "../db/index";
import { DEMO_PASSWORD, MODERATOR_EMAIL, SECRETARIAT_EMAIL } from "../db/seed/index";
import { setPlatformRole } from "../app/models/accounts/users.server";
import { createApiKey } from "../app/models/accounts/api-keys.server";
import { createEdition } from "../app/models/scenarios/catalog.server";
import { OWNER_MOVES } from "../app/models/marketplace/listings.server";
import { loadBuild, type HttpClient } from "./helpers/app";
import { startDemoApp } from "./helpers/demo";
import { PASSWORD, makeUser } from "./helpers/fixtures";
import { formsOf, type FoundForm } from "./helpers/crawl";
import { ack, connected } from "./helpers/sockets";

/**
 * DESIGN.md "One gate at every door" (issue 26.5): staff (the secretariat, moderators) signed in
 * without two-factor get the enrolment page and nothing else, at every route of the build, with
 * every action intent, over every socket event and through the API. The walk is generic (the
 * build's route manifest, params filled with seeded ids), so a route added later is walked too,
 * and the same walk as enrolled staff must reach staff pages (the test can fail).
 */

const ENROLMENT = "/account/security";

interface Answer {
  status: number;
  /** Where a redirect goes (a data request's X-Remix-Redirect counts as one). */
  location: string | null;
  body: string;
}

async function answer(res: Response): Promise<Answer> {
  const remixRedirect = res.headers.get("x-remix-redirect");
  const body = await res.text();
  return { status: remixRedirect ? 302 : res.status, location: remixRedirect ?? res.headers.get("location"), body };
}

/** What tells two answers apart beyond who asked: the page's nonce. */
const normalise = (body: string) => body.replace(/nonce="[^"]*"/g, 'nonce=""');

/**
 * A refusal: sent to enrol or to sign in, or any 4xx (their bodies are messages). Anything else
 * must be exactly what a visitor gets; otherwise the account read or did something a visitor cannot.
 */
function leaks(a: Answer, visitor: Answer | undefined): boolean {
  if (a.status >= 300 && a.status < 400 && a.location && (a.location.startsWith(`${ENROLMENT}?required=1`) || a.location.startsWith("/login"))) return false;
  if (a.status >= 400 && a.status < 500) return false;
  if (!visitor) return true;
  return a.status !== visitor.status || a.location !== visitor.location || normalise(a.body) !== normalise(visitor.body);
}

interface RouteEntry {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  module: { action?: unknown; loader?: unknown };
}

/** Every route of the build with its full URL pattern (parents' paths joined), the root left out. */
function routesOf(build: ServerBuild): { id: string; pattern: string; hasAction: boolean }[] {
  const all = build.routes as unknown as Record<string, RouteEntry>;
  const patternOf = (r: RouteEntry): string => {
    const own = r.path ?? "";
    const parent = r.parentId && r.parentId !== "root" ? patternOf(all[r.parentId]) : "";
    return [parent, own].filter(Boolean).join("/");
  };
  return Object.values(all)
    .filter((r) => r.id !== "root")
    .map((r) => ({ id: r.id, pattern: `/${patternOf(r)}`, hasAction: !!r.module.action }));
}

/** The intents a route's action reads, from its source (`intent === "x"`, `case "x":`, `z.literal("x")`). */
function intentsOf(routeId: string): string[] {
  const file = `app/${routeId}.tsx`;
  if (!fs.existsSync(file)) return [];
  const src = fs.readFileSync(file, "utf8");
  if (!src.includes("intent")) return [];
  const found = new Set<string>();
  for (const re of [
    /intent\s*[!=]==\s*"([\w-]+)"/g,
    /case\s+"([\w-]+)"\s*:/g,
    /z\.literal\("([\w-]+)"\)/g,
    /intent="([\w-]+)"/g,
    /name="intent"\s+value="([\w-]+)"/g,
  ]) {
    for (const m of src.matchAll(re)) found.add(m[1]);
  }
  if (src.includes("OWNER_MOVES")) for (const move of OWNER_MOVES) found.add(move);
  return [...found];
}

/** The socket events the server registers, from its source: on("scope:name", ...). */
function socketEventNames(): string[] {
  const names = new Set<string>();
  for (const f of fs.readdirSync("server")) {
    if (!f.endsWith(".ts")) continue;
    for (const m of fs.readFileSync(`server/${f}`, "utf8").matchAll(/\bon\("([a-z]+:[a-z]+)"/g)) names.add(m[1]);
  }
  return [...names].sort();
}

/** One md5 per table: what the walk as unenrolled staff must leave as it was. */
async function fingerprint(db: Db): Promise<Map<string, string>> {
  const tables = await sql<{
    name: string;
  }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`.execute(db);
  const out = new Map<string, string>();
  for (const { name } of tables.rows) {
    const r = await sql<{ h: string }>`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from ${sql.table(name)} t`.execute(db);
    out.set(name, r.rows[0].h);
  }
  return out;
}

/**
 * Tables a sign-in and a visit to the enrolment page write by design: the session, the sign-in
 * record, the device it came from and its limits, and the secret offered for enrolment. Audit rows
 * are checked on their own.
 */
const SIGN_IN_TABLES = new Set([
  "sessions",
  "login_attempts",
  "known_devices",
  "rate_limits",
  "user_totp",
  "two_factor_enrolments",
  "two_factor_tries",
  "login_challenges",
  "audit_log",
]);

describe("one gate: staff without two-factor get the enrolment page and nothing else", () => {
  let demo: Awaited<ReturnType<typeof startDemoApp>>;
  let db: Db;
  let urls: { id: string; url: string; hasAction: boolean }[] = [];
  const unenrolled: { role: "secretariat" | "moderator"; id: string; email: string }[] = [];

  beforeAll(async () => {
    demo = await startDemoApp();
    db = demo.db;
    const secretariat = await demo.actorOf(SECRETARIAT_EMAIL);
    // An edition still being put together: only the secretariat may see it.
    await createEdition(db, secretariat, { year: new Date().getFullYear() + 1, title: "未发布的推荐目录", intro: "" });
    // Members promoted to staff, who have not set up two-factor yet.
    for (const role of ["secretariat", "moderator"] as const) {
      const u = await makeUser(db);
      await setPlatformRole(db, secretariat, u.id, role);
      unenrolled.push({ role, id: u.id, email: u.email });
    }

    const one = async (q: string) => (await sql<{ id: string }>`${sql.raw(q)}`.execute(db)).rows.map((r) => String(r.id));
    const drafting = demo.ids.drafting;
    const draftTitle = (await db.selectFrom("drafts").select("title").where("id", "=", drafting).executeTakeFirstOrThrow()).title;
    const anonPage = await (await demo.app.client("en").get("/")).text();
    const catalogFile = /name="yaosu-catalog" content="([^" ]+)/.exec(anonPage)![1].replace(/^\/i18n\//, "");
    // For each parameter, the rows whose pages hold the most staff-only content (and one public row).
    const candidates: Record<string, string[]> = {
      listings: await one(
        "(select id from listings where status = 'pending_review' limit 1) union all (select id from listings where status = 'draft' limit 1) union all (select id from listings where status = 'published' limit 1)",
      ),
      groups: [demo.ids.group],
      drafts: await one("select id from drafts order by stage"),
      ballots: await one("select id from ballots"),
      meetings: await one("select id from meetings"),
      matches: await one("select id from matches limit 2"),
      scenarios: await one("select distinct on (stage) id from scenarios order by stage, id"),
      catalog: (await db.selectFrom("catalog_editions").select("year").execute()).map((e) => String(e.year)),
      orgs: await one(
        "(select id from organisations where status = 'pending' limit 1) union all (select id from organisations where status = 'approved' limit 1)",
      ),
      enterprises: await one(
        "(select id from organisations where status = 'pending' limit 1) union all (select id from organisations where status = 'approved' and type = 'enterprise' limit 1)",
      ),
      images: ["0000000000000000.webp"],
      // A private calendar feed's token (43 URL-safe characters) that names no feed.
      calendar: ["A".repeat(43)],
      i18n: [catalogFile],
      reports: await one("select id from reports limit 1"),
      disputes: await one("select id from disputes limit 1"),
      evidence: await one("select id from evidence_files limit 1"),
      // Read through to_jsonb: the number column arrives with the filing record's migration.
      filings: await one("select to_jsonb(f)->>'number' as id from deal_filings f where to_jsonb(f)->>'number' is not null limit 1"),
    };
    // Queries that make a page show what only staff may find.
    const versions = await db
      .selectFrom("draft_versions")
      .select((eb) => eb.fn.max("number").as("n"))
      .where("draft_id", "=", drafting)
      .executeTakeFirstOrThrow();
    const queries: Record<string, string> = {
      "routes/search": `?q=${encodeURIComponent(draftTitle)}`,
      "routes/groups.$id.drafts.$draftId.diff": `?from=1&to=${versions.n}`,
    };

    for (const route of routesOf(await loadBuild())) {
      let filled = [""];
      for (const segment of route.pattern.split("/").slice(1)) {
        const param = /^:(\w+)(.*)$/.exec(segment);
        if (segment === "*") filled = filled.map((p) => `${p}/no-such-page`);
        else if (!param) filled = filled.map((p) => (segment ? `${p}/${segment}` : p));
        else {
          const before = route.pattern.split("/")[route.pattern.split("/").indexOf(segment) - 1];
          const values = candidates[before];
          if (!values) throw new Error(`${route.id}: no seeded values for :${param[1]} after /${before}/ (add them to the walk)`);
          // No such row in the demo: the route is still walked, with a value that names nothing.
          const walked = values.length ? values : ["00000000-0000-4000-8000-000000000000"];
          filled = filled.flatMap((p) => walked.map((v) => `${p}/${v}${param[2]}`));
        }
      }
      for (const p of filled) urls.push({ id: route.id, url: (p || "/") + (queries[route.id] ?? ""), hasAction: route.hasAction });
    }
    urls = urls.sort((a, b) => a.url.localeCompare(b.url));
  }, 120_000);
  afterAll(() => demo?.close());

  async function walkGets(client: HttpClient): Promise<Map<string, Answer>> {
    const out = new Map<string, Answer>();
    for (const { url } of urls) out.set(url, await answer(await client.get(url)));
    return out;
  }

  it("every route and every intent as an unenrolled secretariat and moderator: the enrolment page or a refusal; enrolled staff reach the staff pages", async () => {
    const app = demo.app;
    const visitor = await walkGets(app.client("en"));

    // Positive control: the same walk as the enrolled secretariat reads what visitors cannot.
    const staff = app.client("en");
    await staff.signIn(SECRETARIAT_EMAIL, DEMO_PASSWORD);
    const staffAnswers = await walkGets(staff);
    const staffReads = new Set(urls.filter(({ url }) => leaks(staffAnswers.get(url)!, visitor.get(url))).map(({ id }) => id));
    for (const id of [
      "routes/stats",
      "routes/admin.review",
      "routes/admin.listings",
      "routes/admin.catalog",
      "routes/catalog.$year",
      "routes/orgs.$orgId",
      "routes/listings.$id",
      "routes/groups.$id._index",
      "routes/groups.$id.drafts.$draftId._index",
      "routes/groups.$id.drafts.$draftId.diff",
      "routes/groups.$id.drafts.$draftId.comments",
      "routes/groups.$id.drafts.$draftId.comments[.csv]",
      "routes/search",
    ])
      expect(staffReads, id).toContain(id);

    // Every post form the staff pages offer, with the values they show, and every intent an action reads.
    const forms: FoundForm[] = [];
    for (const { url } of urls) {
      const a = staffAnswers.get(url)!;
      if (a.status === 200 && a.body.startsWith("<!DOCTYPE html>")) forms.push(...formsOf(a.body, url));
    }
    const posts: { url: string; fields: Record<string, string> }[] = [];
    for (const { id, url, hasAction } of urls) {
      if (!hasAction) {
        posts.push({ url, fields: {} });
        continue;
      }
      const dataUrl = `${url}${url.includes("?") ? "&" : "?"}${id.endsWith("_index") ? "index&" : ""}_data=${encodeURIComponent(id)}`;
      posts.push({ url: dataUrl, fields: {} });
      for (const intent of intentsOf(id)) posts.push({ url: dataUrl, fields: { intent } });
      for (const f of forms.filter((f) => f.action.split("?")[0] === url.split("?")[0])) {
        posts.push({ url: dataUrl, fields: { ...Object.fromEntries(f.fields.map((x) => [x.name, x.value])), ...(f.intent ? { intent: f.intent } : {}) } });
      }
    }
    // Signing out ends the walk's session: last.
    posts.sort((a, b) => Number(a.url.startsWith("/logout")) - Number(b.url.startsWith("/logout")));
    expect(forms.length).toBeGreaterThan(20);

    const before = await fingerprint(db);
    const auditBefore = Number((await sql<{ n: string }>`select max(id) as n from audit_log`.execute(db)).rows[0].n);
    const found: string[] = [];
    const postAnswers: { who: string; url: string; fields: Record<string, string>; a: Answer }[] = [];
    for (const u of unenrolled) {
      const c = app.client("en");
      await c.signIn(u.email, PASSWORD);
      const gets = await walkGets(c);
      for (const { url } of urls) {
        const a = gets.get(url)!;
        if (url === ENROLMENT) {
          // The one page they reach: setting up two-factor.
          expect(a.status, `${u.role} ${url}`).toBe(200);
          expect(a.body).toContain('data-testid="two-factor"');
        } else if (leaks(a, visitor.get(url))) found.push(`${u.role} GET ${url} -> ${a.status} ${a.location ?? ""}`);
      }
      for (const p of posts) {
        const a = await answer(await c.post(p.url, p.fields));
        if (p.url.startsWith(ENROLMENT)) continue;
        postAnswers.push({ who: u.role, url: p.url, fields: p.fields, a });
      }
    }
    const after = await fingerprint(db);
    const changed = [...before].filter(([table, h]) => after.get(table) !== h && !SIGN_IN_TABLES.has(table)).map(([table]) => table);
    const audited = await db
      .selectFrom("audit_log")
      .select(["action", "actor_id"])
      .where("id", ">", String(auditBefore))
      .where("action", "not in", ["auth.signed_in", "auth.signed_out"])
      .execute();

    // What a visitor gets for the same posts, asked after the walk so that the fingerprint is the staff accounts' alone.
    const anonymous = app.client("en");
    for (const p of postAnswers) {
      if (!leaks(p.a, undefined)) continue;
      const v = await answer(await anonymous.post(p.url, p.fields));
      if (leaks(p.a, v)) found.push(`${p.who} POST ${p.url} ${JSON.stringify(p.fields)} -> ${p.a.status} ${p.a.location ?? ""}`);
    }

    expect(found).toEqual([]);
    expect(changed).toEqual([]);
    expect(audited).toEqual([]);
    expect(postAnswers.length).toBeGreaterThan(100);
  }, 600_000);

  it("their sockets never connect, and an account that becomes staff without two-factor while connected is refused every event", async () => {
    const app = demo.app;
    const events = socketEventNames();
    expect(events.length).toBeGreaterThanOrEqual(7);
    const groupId = demo.ids.group;
    const messageId = String((await db.selectFrom("group_messages").select("id").where("group_id", "=", groupId).orderBy("id").executeTakeFirstOrThrow()).id);
    const matchId = (await db.selectFrom("matches").select("id").executeTakeFirstOrThrow()).id;
    const disputeId = (await db.selectFrom("disputes").select("id").executeTakeFirstOrThrow()).id;
    const payloads: Record<string, unknown> = {
      "group:join": { groupId },
      "group:leave": { groupId },
      "group:message": { groupId, body: "staff without two-factor" },
      "group:history": { groupId },
      "group:hide": { groupId, messageId },
      "match:join": { matchId },
      "match:message": { matchId, body: "staff without two-factor" },
      "dispute:join": { disputeId },
    };
    for (const e of events) expect(payloads, `a payload for ${e}`).toHaveProperty([e]);

    const sockets: Socket[] = [];
    try {
      for (const u of unenrolled) {
        const c = app.client("en");
        await c.signIn(u.email, PASSWORD);
        const s = c.socket();
        sockets.push(s);
        await expect(connected(s), u.role).rejects.toThrow("unauthorized");
      }

      // Members connected, then promoted: the next event meets the gate.
      const secretariat = await demo.actorOf(SECRETARIAT_EMAIL);
      for (const role of ["moderator", "secretariat"] as const) {
        const u = await makeUser(db);
        const c = app.client("en");
        await c.signIn(u.email, PASSWORD);
        const s = c.socket();
        sockets.push(s);
        await connected(s);
        await setPlatformRole(db, secretariat, u.id, role);
        for (const e of events) {
          const reply = await ack(s, e, payloads[e]);
          expect(reply, `${role} ${e}`).toMatchObject({ ok: false, status: 403 });
        }
      }
      const hidden = await db.selectFrom("group_messages").select("hidden_at").where("id", "=", messageId).executeTakeFirstOrThrow();
      expect(hidden.hidden_at).toBeNull();

      // Positive control: enrolled staff's same events go through.
      const moderator = app.client("en");
      await moderator.signIn(MODERATOR_EMAIL, DEMO_PASSWORD);
      const ms = moderator.socket();
      sockets.push(ms);
      await connected(ms);
      expect(await ack(ms, "group:join", payloads["group:join"])).toMatchObject({ ok: true, canModerate: true });
      expect(await ack(ms, "group:hide", payloads["group:hide"])).toMatchObject({ ok: true });
      const staff = app.client("en");
      await staff.signIn(SECRETARIAT_EMAIL, DEMO_PASSWORD);
      const ss = staff.socket();
      sockets.push(ss);
      await connected(ss);
      expect(await ack(ss, "match:join", payloads["match:join"])).toMatchObject({ ok: true });
      expect(await ack(ss, "dispute:join", payloads["dispute:join"])).toMatchObject({ ok: true });
    } finally {
      for (const s of sockets) s.disconnect();
    }
  });

  it("an API key stops working while its creator is staff without two-factor", async () => {
    const owner = await demo.actorOf("yuecheng-tech@yaosu.demo");
    const { key } = await createApiKey(db, owner, owner.org!.id, "gate");
    const call = () => fetch(`${demo.app.baseUrl}/api/v1/listings`, { headers: { authorization: `Bearer ${key}`, "accept-language": "en" } });
    expect((await call()).status).toBe(200);
    await setPlatformRole(db, await demo.actorOf(SECRETARIAT_EMAIL), owner.id, "moderator");
    const refused = await call();
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toContain("two-factor");
  });
});
