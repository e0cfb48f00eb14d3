import { sql } from "kysely";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../app/models/accounts/api-keys.server";
import { DEMO_PASSWORD, SECRETARIAT_EMAIL } from "../db/seed/index";
import type { Db } from "../db/index";
import type { HttpClient } from "./helpers/app";
import { startDemoApp } from "./helpers/demo";
import { crawl, type FoundForm } from "./helpers/crawl";
import { makeUser, PASSWORD } from "./helpers/fixtures";

/**
 * Property-based probe of every door: each form the pages offer (found by crawling the demo site
 * as five kinds of user), every page's path and query parameters, the JSON API and every socket
 * event get generated hostile values. Whatever comes back: never a 5xx, refusals in their
 * documented shape and the requester's language, and the server still answers /healthz.
 * Fixed seed and run counts keep it bounded; fast-check prints the seed and the failing case.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const RUNS = Number(process.env.FUZZ_RUNS ?? 6);
/** A confirmed account without an organisation yet: the one who may apply for membership (staff may not). */
const NEWCOMER = "newcomer@fuzz.example";
const PEOPLE = [NEWCOMER, SECRETARIAT_EMAIL, "yuecheng-tech@yaosu.demo", "scut@yaosu.demo", "pearl-capital@yaosu.demo", "baiyun-logistics@yaosu.demo"];

const HOSTILE = [
  "a\u0000b",
  "\u0000",
  "\ud800",
  "x".repeat(300_000),
  ">".repeat(5000),
  "*a".repeat(20_000),
  "/x\r\nX-Injected: 1",
  "/\t/evil.example",
  "//evil.example",
  "数据".repeat(3000),
  "2147483648",
  "9223372036854775808",
  "-1",
  "0",
  "1e309",
  "NaN",
  "-".repeat(36),
  "00000000-0000-0000-0000-000000000000",
  "' or 1=1 --",
  "<script>alert(1)</script>",
  "javascript:alert(1)",
  "moon",
  "2026-02-30",
  "9999-12-31T23:59",
  "",
  " ",
  "\u202e🙂",
];

/** One value of each class the probe found, tried in every field of every form (the rest is random). */
const CLASSES = ["a\u0000b", "x".repeat(300_000), "9223372036854775808", "-".repeat(36), ">".repeat(5000), "/x\r\nX-Injected: 1", "moon"];

const hostileText = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.string16bits({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.fullUnicodeString({ maxLength: 40 }) },
);
/**
 * What a real user would type into a field the page shows empty, so that a run can pass
 * validation everywhere but in the one field it attacks and reach the model and the database.
 */
function plausible(name: string, shown: string): string {
  if (shown) return shown;
  const n = name.toLowerCase();
  if (n.includes("email")) return `fuzz-${Math.random().toString(36).slice(2, 8)}@example.test`;
  if (n.includes("password")) return "a long enough password";
  if (/phone/.test(n)) return "+852 2345 6789";
  if (/url|link|image/.test(n)) return "https://example.test/a";
  if (/price|amount|budget|quorum|threshold|days|count|number|year|minutes/.test(n)) return "10";
  if (/date|deadline|closes|starts|ends|at$/.test(n)) return "2027-03-01T10:00";
  if (/description|body|charter|agenda|minutes|scope|summary|message|comment|reason|note|text|scenario|outcome|challenge/.test(n))
    return "这是一段用于测试的说明文字，长度足够通过校验。";
  if (/code/.test(n)) return "T/FUZZ 001-2026";
  return "模糊测试";
}

/**
 * A kept-alive connection the server closed just as the client reused it fails with ECONNRESET
 * before any answer: that is the transport, not the app, so it is tried once more.
 */
async function fetchOnce(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (e) {
    const code = (e as { cause?: { code?: string } }).cause?.code;
    if (code !== "ECONNRESET" && code !== "UND_ERR_SOCKET") throw e;
    return fetch(url, init);
  }
}

function expectRefusalShape(status: number, type: string, body: string, where: string) {
  expect(status, `${where} answered ${status}: ${body.slice(0, 300)}`).toBeLessThan(500);
  if (status < 400) return;
  if (type.includes("json")) {
    const data = JSON.parse(body);
    const message = data?.message ?? data?.formError ?? data?.error?.message;
    expect(typeof message, `${where}: refusal without a message: ${body.slice(0, 200)}`).toBe("string");
  } else if (type.includes("html")) {
    expect(body, where).toMatch(/<html/i);
  }
}

describe("fuzzing every door", () => {
  let demo: Awaited<ReturnType<typeof startDemoApp>>;
  let app: typeof demo.app;
  let db: Db;
  const clients = new Map<string, HttpClient>();
  let forms: Array<FoundForm & { who: string }> = [];
  let pages: string[] = [];

  async function client(who: string): Promise<HttpClient> {
    let c = clients.get(who);
    // Fuzzed forms may sign the user out or revoke the session: sign in again when they did.
    if (c && (await c.get("/account/sessions")).status === 200) return c;
    c = app.client("en");
    if (who !== "anonymous") await c.signIn(who, who === NEWCOMER ? PASSWORD : DEMO_PASSWORD);
    clients.set(who, c);
    return c;
  }

  async function healthy() {
    const started = performance.now();
    const res = await fetch(`${app.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(1000);
  }

  beforeAll(async () => {
    demo = await startDemoApp();
    ({ db, app } = demo);
    await makeUser(db, { email: NEWCOMER });
    const seen = new Set<string>();
    for (const who of ["anonymous", ...PEOPLE]) {
      const found = await crawl(
        await client(who),
        [
          "/",
          "/home",
          "/listings",
          "/scenarios",
          "/catalog",
          "/groups",
          "/enterprises",
          "/providers",
          "/directory",
          "/admin/review",
          "/admin/listings",
          "/admin/audit",
          "/org/api-keys",
          "/account/sessions",
          "/introductions",
          "/watchlist",
          "/investors/profile",
          "/profile",
          "/my/listings",
        ],
        90,
      );
      for (const f of found.forms) {
        const key = `${f.action}|${f.fields
          .map((x) => x.name)
          .sort()
          .join(",")}|${f.intent ?? ""}`;
        if (!seen.has(key) && !f.action.startsWith("/logout")) {
          seen.add(key);
          forms.push({ ...f, who });
        }
      }
      pages.push(...found.pages);
    }
    pages = [...new Set(pages)];
    // The sign-out form would end the session every run; it is exercised once, last.
    forms = forms.sort((a, b) => a.action.localeCompare(b.action));
  }, 180_000);
  afterAll(() => demo.close());

  it("the crawl reaches the site's forms and pages", () => {
    expect(forms.length).toBeGreaterThan(40);
    expect(pages.length).toBeGreaterThan(60);
    for (const must of ["/signup", "/login", "/apply", "/listings/new", "/scenarios/new", "/groups/new", "/org/api-keys", "/lang"]) {
      expect(
        forms.some((f) => f.action.split("?")[0] === must),
        must,
      ).toBe(true);
    }
  });

  it("every form action answers hostile values with a 4xx in its shape, never a 5xx", async () => {
    for (const form of forms) {
      const c = await client(form.who);
      for (const [target, field] of form.fields.entries()) {
        for (const value of CLASSES) {
          const body = new URLSearchParams();
          form.fields.forEach((f, i) => body.append(f.name, i === target ? value : plausible(f.name, f.value)));
          if (form.intent) body.set("intent", form.intent);
          const res = await c.request(form.action, { method: "POST", body });
          expectRefusalShape(
            res.status,
            res.headers.get("content-type") ?? "",
            await res.text(),
            `POST ${form.action} ${field.name}=${JSON.stringify(value.slice(0, 20))} as ${form.who}`,
          );
        }
      }
      await fc.assert(
        // Each run attacks one field and fills the others as a user would.
        fc.asyncProperty(fc.nat({ max: Math.max(0, form.fields.length - 1) }), hostileText, async (target, value) => {
          const body = new URLSearchParams();
          form.fields.forEach((f, i) => body.append(f.name, i === target ? value : plausible(f.name, f.value)));
          if (form.intent) body.set("intent", form.intent);
          const res = await c.request(form.action, { method: "POST", body });
          expectRefusalShape(res.status, res.headers.get("content-type") ?? "", await res.text(), `POST ${form.action} as ${form.who}`);
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    }
    await healthy();
  }, 600_000);

  it("every page's path and query parameters answer hostile values with a 4xx, never a 5xx", async () => {
    const c = await client(SECRETARIAT_EMAIL);
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
    const params = ["q", "page", "kind", "sector", "region", "type", "sort", "from", "to", "before", "entity", "action", "stage", "year", "next", "_data"];
    for (const page of pages) {
      for (const value of CLASSES.map((v) => v.slice(0, 6000))) {
        const url = new URL(page, app.baseUrl);
        const variants = [...url.searchParams.keys(), "page"].map((k) => {
          const u = new URL(url);
          u.searchParams.set(k, value);
          return u.pathname + u.search;
        });
        if (uuid.test(url.pathname)) variants.push(url.pathname.replace(uuid, encodeURIComponent(value)) + url.search);
        for (const v of variants) {
          const res = await c.get(v);
          expectRefusalShape(res.status, res.headers.get("content-type") ?? "", await res.text(), `GET ${v.slice(0, 120)}`);
        }
      }
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...params), hostileText, fc.boolean(), async (param, value, inPath) => {
          const url = new URL(page, app.baseUrl);
          if (inPath && uuid.test(url.pathname)) url.pathname = url.pathname.replace(uuid, encodeURIComponent(value) || "x");
          else url.searchParams.set(param, value);
          const res = await c.get(url.pathname + url.search);
          expectRefusalShape(res.status, res.headers.get("content-type") ?? "", await res.text(), `GET ${url.pathname}${url.search.slice(0, 80)}`);
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    }
    await healthy();
  }, 600_000);

  it("the JSON API answers generated bodies and queries with its error shape, never a 5xx", async () => {
    const owner = await demo.actorOf("yuecheng-tech@yaosu.demo");
    // A key may make 120 calls a minute: the fuzz takes a fresh key every 100 runs to keep probing past the limit.
    // The form fuzz above may have filled the organisation's ten live keys: those are revoked first.
    await db
      .updateTable("api_keys")
      .set({ revoked_at: sql`now()` })
      .where("org_id", "=", owner.org!.id)
      .where("revoked_at", "is", null)
      .execute();
    const keys = await Promise.all([1, 2, 3].map(async (i) => (await createApiKey(db, owner, owner.org!.id, `fuzz ${i}`)).key));
    let calls = 0;
    const listing = (await db.selectFrom("listings").select("id").where("org_id", "=", owner.org!.id).executeTakeFirstOrThrow()).id;
    const fields = [
      "kind",
      "title",
      "description",
      "dataCategory",
      "grade",
      "rights",
      "deliveryModes",
      "pricingModel",
      "priceMin",
      "priceMax",
      "sectors",
      "regions",
      "tags",
      "fields",
      "compliance",
      "contactName",
      "contactEmail",
      "externalId",
      "submit",
    ];
    const jsonish = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: "small" },
        hostileText,
        fc.integer(),
        fc.double(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie("value"), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom("declaration", "name", "x"), tie("value"), { maxKeys: 3 }),
      ),
    })).value;
    const body = fc.dictionary(fc.constantFrom(...fields), jsonish, { maxKeys: 8 });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("POST /api/v1/listings", `PATCH /api/v1/listings/${listing}`, "GET /api/v1/listings"),
        body,
        fc.constantFrom("en", "zh-CN", "zh-HK"),
        async (route, data, lang) => {
          const [method, path] = route.split(" ");
          const key = keys[Math.floor(calls++ / 100) % keys.length];
          const headers = { authorization: `Bearer ${key}`, "content-type": "application/json", "accept-language": lang };
          const url = method === "GET" ? `${path}?${new URLSearchParams(Object.entries(data).map(([k, v]) => [k, String(v)]))}` : path;
          const res = await fetchOnce(app.baseUrl + url, { method, headers, body: method === "GET" ? undefined : JSON.stringify(data) });
          const text = await res.text();
          expectRefusalShape(res.status, res.headers.get("content-type") ?? "", text, `${method} ${path}`);
          // Node itself answers 431 (no body) to a query past its header limit; everything else is ours.
          if (res.status >= 400 && res.status !== 431) expect(JSON.parse(text).error.code).toEqual(expect.any(String));
        },
      ),
      { seed: SEED, numRuns: RUNS * 40, endOnFailure: true },
    );
    await healthy();
  }, 300_000);

  it("every socket event answers generated payloads with an acknowledgement in its shape and keeps the connection", async () => {
    const c = await client("scut@yaosu.demo");
    const socket = c.socket();
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("connect_error", reject);
    });
    const group = demo.ids.group;
    // Packets over the server's 64 KB limit close the transport by design; below it nothing may.
    const socketText = hostileText.map((s) => s.slice(0, 20_000));
    const idish = fc.oneof(fc.constant(group), socketText, fc.integer(), fc.constant(null));
    const events = ["group:join", "group:message", "group:history", "group:hide", "group:leave", "match:join", "match:message"];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...events),
        fc.record({ groupId: idish, matchId: idish, afterId: idish, beforeId: idish, messageId: idish, body: socketText }, { requiredKeys: [] }),
        async (event, payload) => {
          const reply = (await socket.timeout(5000).emitWithAck(event, payload)) as { ok: boolean; status?: number; error?: string };
          expect(typeof reply.ok).toBe("boolean");
          if (!reply.ok) {
            expect(reply.status, `${event} ${JSON.stringify(reply)}`).toBeLessThan(500);
            expect(reply.error).toEqual(expect.any(String));
          }
        },
      ),
      { seed: SEED, numRuns: RUNS * 40, endOnFailure: true },
    );
    expect(socket.connected).toBe(true);
    socket.disconnect();
    await healthy();
  }, 300_000);
});
