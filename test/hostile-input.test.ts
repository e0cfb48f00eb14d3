import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../app/models/accounts/api-keys.server";
import { saveVersion } from "../app/models/standards/draft-versions.server";
import { DEMO_PASSWORD, SECRETARIAT_EMAIL } from "../db/seed/index";
import type { Db } from "../db/index";
import { startDemoApp } from "./helpers/demo";
import { publishListing } from "./helpers/listings";

/** The requests a probe of the running app answered with 500, each now a 4xx (or a working page). */
describe("hostile input", () => {
  let demo: Awaited<ReturnType<typeof startDemoApp>>;
  let app: typeof demo.app;
  let db: Db;
  const ids = { group: "", drafting: "", meeting: "", listing: "", apiKey: "" };

  const actorOf = (email: string) => demo.actorOf(email);
  const signedIn = async (email: string, lang = "en") => {
    const c = app.client(lang);
    await c.signIn(email, DEMO_PASSWORD);
    return c;
  };

  beforeAll(async () => {
    demo = await startDemoApp();
    ({ db, app } = demo);
    ids.group = demo.ids.group;
    ids.drafting = demo.ids.drafting;
    ids.meeting = demo.ids.meeting;
    const owner = await actorOf("yuecheng-tech@yaosu.demo");
    ids.listing = (
      await db.selectFrom("listings").select("id").where("org_id", "=", owner.org!.id).where("status", "=", "published").executeTakeFirstOrThrow()
    ).id;
    ids.apiKey = (await createApiKey(db, owner, owner.org!.id, "probe")).key;
  });
  afterAll(() => demo.close());

  it("a NUL byte in a form field is a 400 in the user's language, and nothing is stored", async () => {
    const c = app.client("zh-CN");
    const res = await c.postData("/signup", { email: "nul@example.test", displayName: "a\u0000b", password: "long enough password" });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe("输入中含有无法保存的字符（如空字符），请删除后重试。");
    expect(await db.selectFrom("users").select("id").where("email", "=", "nul@example.test").executeTakeFirst()).toBeUndefined();
  });

  it("a NUL byte in a query string is a 400 page, JSON for _data, in the user's language", async () => {
    const page = await app.client("en").get("/directory?q=%00");
    expect(page.status).toBe(400);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain("cannot be stored");
    const staff = await signedIn(SECRETARIAT_EMAIL, "zh-HK");
    const audit = await staff.get("/admin/audit?entity=%00&_data=routes%2Fadmin.audit");
    expect(audit.status).toBe(400);
    expect((await audit.json()).message).toBe("輸入中含有無法儲存的字元（如空字元），請刪除後重試。");
    const path = await app.client().get(`/listings/${ids.listing}%00`);
    expect(path.status).toBe(400);
  });

  it("the JSON API refuses NUL and lone surrogates with its error shape, and JSON sent as a form with 415", async () => {
    const call = (method: string, path: string, body: string, type = "application/json") =>
      fetch(app.baseUrl + path, { method, body, headers: { authorization: `Bearer ${ids.apiKey}`, "content-type": type, "accept-language": "en" } });
    const nul = await call("PATCH", `/api/v1/listings/${ids.listing}`, JSON.stringify({ contactName: "a\u0000b" }));
    expect(nul.status).toBe(400);
    expect((await nul.json()).error).toMatchObject({ code: "unsafe_text", message: expect.stringContaining("cannot be stored") });
    const surrogate = await call("PATCH", `/api/v1/listings/${ids.listing}`, '{"compliance":{"declaration":"\\ud800"}}');
    expect(surrogate.status).toBe(400);
    expect((await surrogate.json()).error.code).toBe("unsafe_text");
    const deep = await call("POST", "/api/v1/listings", "[".repeat(5000) + "]".repeat(5000));
    expect(deep.status).toBe(400);
    const form = await call("POST", "/api/v1/listings", JSON.stringify({ title: "x" }), "application/x-www-form-urlencoded");
    expect(form.status).toBe(415);
    expect((await form.json()).error.code).toBe("unsupported_media_type");
  });

  it("numbers past a column's range and malformed ids are 4xx, not database errors", async () => {
    const editor = await signedIn("gdri@yaosu.demo");
    const diff = await editor.get(`/groups/${ids.group}/drafts/${ids.drafting}/diff?from=2147483648&to=1`);
    expect(diff.status).toBe(400);
    const channel = await editor.get(`/groups/${ids.group}/channel?before=9223372036854775808`);
    expect(channel.status).toBeLessThan(500);
    const ics = await editor.get(`/groups/${ids.group}/meetings/${"-".repeat(36)}.ics`);
    expect(ics.status).toBe(404);
    const session = await app.client().request("/home", { headers: { cookie: "yaosu_session=%00" } });
    expect(session.status).toBe(302);
  });

  it("deeply nested markdown renders as a page, for the listing and the draft", async () => {
    const owner = await actorOf("yuecheng-tech@yaosu.demo");
    const staff = await actorOf(SECRETARIAT_EMAIL);
    const listing = await publishListing(db, owner, staff, { description: ">".repeat(4000) });
    const page = await app.client().get(`/listings/${listing}`);
    expect(page.status).toBe(200);
    await saveVersion(db, await actorOf("gdri@yaosu.demo"), ids.group, ids.drafting, { body: ">".repeat(5000), note: null });
    const editor = await signedIn("gdri@yaosu.demo");
    expect((await editor.get(`/groups/${ids.group}/drafts/${ids.drafting}`)).status).toBe(200);
  });

  it("sign-in follows a next with Chinese text (percent-encoded) and never a CR/LF, tab or foreign target", async () => {
    const next = async (target: string) => {
      const res = await app.client().post(`/login?next=${encodeURIComponent(target)}`, { email: "baiyun-logistics@yaosu.demo", password: DEMO_PASSWORD });
      expect(res.status).toBe(302);
      return res;
    };
    expect((await next("/listings?q=数据")).headers.get("location")).toBe("/listings?q=%E6%95%B0%E6%8D%AE");
    const crlf = await next("/x\r\nX-Injected: 1");
    expect(crlf.headers.get("x-injected")).toBeNull();
    expect(crlf.headers.get("location")).not.toMatch(/[\r\n]/);
    expect((await next("/\t/evil.example")).headers.get("location")).toBe("/home");
    expect((await next("/\\evil.example")).headers.get("location")).toBe("/home");
    expect((await next("https://evil.example/")).headers.get("location")).toBe("/home");
  });

  it("a 100 MB form is refused with 413 before it is read", async () => {
    const started = performance.now();
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${app.baseUrl}/login`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(100 * 1024 * 1024), origin: app.baseUrl },
      });
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on("error", reject);
      req.write("email=a".padEnd(64 * 1024, "a"));
    });
    expect(status).toBe(413);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("pages carry no NUL bytes (React's chunk padding is dropped)", async () => {
    for (const path of ["/listings", "/scenarios", "/catalog", "/directory"]) {
      const bytes = Buffer.from(await (await app.client().get(path)).arrayBuffer());
      expect(bytes.length).toBeGreaterThan(5000);
      expect(bytes.includes(0), path).toBe(false);
    }
  });

  it("a diff of two very different versions and a huge emphasis run answer quickly while /healthz stays fast", async () => {
    const editor = await actorOf("gdri@yaosu.demo");
    const lines = (tag: string) => Array.from({ length: 6000 }, (_, i) => `${tag} 第 ${i} 行 ${Math.random()}`).join("\n");
    const from = await saveVersion(db, editor, ids.group, ids.drafting, { body: lines("甲"), note: null });
    const to = await saveVersion(db, editor, ids.group, ids.drafting, { body: lines("乙"), note: null });
    const c = await signedIn("gdri@yaosu.demo");
    const timed = async (path: string, client = c) => {
      const started = performance.now();
      const res = await client.get(path);
      return { res, ms: performance.now() - started };
    };
    const [diff, health] = await Promise.all([
      timed(`/groups/${ids.group}/drafts/${ids.drafting}/diff?from=${from}&to=${to}`),
      new Promise<{ ms: number }>((resolve) => setTimeout(() => resolve(timed("/healthz", app.client())), 20)),
    ]);
    expect(diff.res.status).toBe(200);
    // 12,000 changed lines are over the diff's span budget: refused in words before any diffing.
    expect(await diff.res.text()).toContain("too many to compare here");
    // Generous bounds: the machine may be busy.
    expect(diff.ms).toBeLessThan(2000);
    expect(health.ms).toBeLessThan(1000);

    await saveVersion(db, editor, ids.group, ids.drafting, { body: "*a".repeat(50_000), note: null });
    const first = await timed(`/groups/${ids.group}/drafts/${ids.drafting}`);
    expect(first.res.status).toBe(200);
    expect(first.ms).toBeLessThan(2000);
    const again = await timed(`/groups/${ids.group}/drafts/${ids.drafting}`);
    expect(again.ms).toBeLessThan(first.ms + 200);
  });
});
