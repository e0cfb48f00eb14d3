import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import { createApiKey, revokeApiKey } from "../app/models/accounts/api-keys.server";
import { createListing } from "../app/models/marketplace/listings.server";
import type { Actor } from "../app/models/core/permissions";
import { startTestApp } from "./helpers/app";
import { dbForSuite } from "./helpers/db";
import { PASSWORD, makeApprovedOrg, makeUser } from "./helpers/fixtures";
import { listingInput, publishListing } from "./helpers/listings";
import type { Wire } from "./helpers/wire";

interface Call {
  key?: string;
  body?: unknown;
  raw?: string;
  lang?: string;
  headers?: Record<string, string>;
}

describe("the JSON API", () => {
  const t = dbForSuite();
  let db: Db;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let secretariat: Actor;
  let orgA: { orgId: string; owner: Awaited<ReturnType<typeof makeUser>> };
  let orgB: { orgId: string; owner: Awaited<ReturnType<typeof makeUser>> };
  let keyA: string;
  let keyB: string;
  let transportId: string;
  let healthId: string;

  async function call(method: string, path: string, opts: Call = {}) {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.key) headers.authorization = `Bearer ${opts.key}`;
    if (opts.lang) headers["accept-language"] = opts.lang;
    let body: string | undefined = opts.raw;
    if (opts.raw !== undefined) headers["content-type"] ??= "application/json";
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers["content-type"] = "application/json";
    }
    const res = await fetch(app.baseUrl + path, { method, headers, body });
    const text = await res.text();
    let json: Wire = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: res.status, body: json, text, res };
  }

  const countListings = async () =>
    (
      await db
        .selectFrom("listings")
        .select(sql<number>`count(*)::int`.as("n"))
        .executeTakeFirstOrThrow()
    ).n;

  beforeAll(async () => {
    db = t.db;
    secretariat = await (await makeUser(db, { role: "secretariat" })).actor();
    orgA = await makeApprovedOrg(db, secretariat);
    orgB = await makeApprovedOrg(db, secretariat);
    keyA = (await createApiKey(db, await orgA.owner.actor(), orgA.orgId, "A")).key;
    keyB = (await createApiKey(db, await orgB.owner.actor(), orgB.orgId, "B")).key;
    transportId = await publishListing(db, await orgA.owner.actor(), secretariat);
    healthId = await publishListing(db, await orgB.owner.actor(), secretariat, {
      kind: "demand",
      title: "医疗健康影像数据需求",
      description: "寻求三甲医院脱敏后的医学影像数据，用于辅助诊断模型训练。",
      sectors: ["health"],
      deliveryModes: ["privacy_computing"],
      tags: ["医疗"],
      scenario: "辅助诊断模型训练",
    });
    app = await startTestApp(db);
  });
  afterAll(async () => {
    await app.close(); // also closes the database
  });

  describe("reading", () => {
    it("lists published listings without a key, in camelCase, with filters", async () => {
      const all = await call("GET", "/api/v1/listings");
      expect(all.status).toBe(200);
      expect(all.res.headers.get("content-type")).toContain("application/json");
      expect(all.body.listings.map((l: { id: string }) => l.id)).toEqual(expect.arrayContaining([transportId, healthId]));
      expect(all.body).toMatchObject({ total: 2, page: 1, pageSize: 20 });
      const hit = all.body.listings.find((l: { id: string }) => l.id === healthId);
      expect(hit).toMatchObject({ kind: "demand", deliveryModes: ["privacy_computing"], dataCategory: "public", sectors: ["health"] });

      const demand = await call("GET", "/api/v1/listings?kind=demand");
      expect(demand.body.listings.map((l: { id: string }) => l.id)).toEqual([healthId]);
      const transport = await call("GET", "/api/v1/listings?sector=transport&delivery=api");
      expect(transport.body.listings.map((l: { id: string }) => l.id)).toEqual([transportId]);
    });

    it("searches Chinese text, in Simplified and Traditional alike", async () => {
      const simplified = await call("GET", `/api/v1/listings?q=${encodeURIComponent("交通流量")}`);
      expect(simplified.body.listings.map((l: { id: string }) => l.id)).toEqual([transportId]);
      const traditional = await call("GET", `/api/v1/listings?q=${encodeURIComponent("醫學影像")}`);
      expect(traditional.body.listings.map((l: { id: string }) => l.id)).toEqual([healthId]);
      expect(traditional.body.listings[0].snippet.some((s: { marked: boolean }) => s.marked)).toBe(true);
    });

    it("an unknown filter value is a 400 naming the filter, not a silently unfiltered list", async () => {
      const res = await call("GET", "/api/v1/listings?sector=alien&kind=supply", { lang: "en" });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: "invalid_query", message: "Some filters are not valid", fields: { sector: "Choose one of the options" } });
      expect((await call("GET", "/api/v1/listings?page=zero")).status).toBe(400);
    });

    it("gets one listing; drafts only with the owner's key", async () => {
      const published = await call("GET", `/api/v1/listings/${transportId}`);
      expect(published.status).toBe(200);
      expect(published.body.listing).toMatchObject({ id: transportId, status: "published", title: "城市交通流量数据集", contact: null, own: false });

      const draftId = await createListing(db, await orgA.owner.actor(), listingInput({ title: "尚未发布的草稿" }));
      expect((await call("GET", `/api/v1/listings/${draftId}`)).status).toBe(404);
      const other = await call("GET", `/api/v1/listings/${draftId}`, { key: keyB, lang: "en" });
      expect(other.status).toBe(404);
      expect(other.body.error.code).toBe("not_found");
      const own = await call("GET", `/api/v1/listings/${draftId}`, { key: keyA });
      expect(own.status).toBe(200);
      expect(own.body.listing).toMatchObject({ status: "draft", own: true, contact: { email: "data@example.test" } });

      expect((await call("GET", "/api/v1/listings/not-a-uuid")).status).toBe(404);
    });
  });

  describe("authentication", () => {
    it("writes need a key; the message follows Accept-Language", async () => {
      const before = await countListings();
      const en = await call("POST", "/api/v1/listings", { body: listingInput(), lang: "en" });
      expect(en.status).toBe(401);
      expect(en.res.headers.get("www-authenticate")).toContain("Bearer");
      expect(en.body.error).toEqual({ code: "unauthorized", message: "This request needs an API key: send Authorization: Bearer yk_…", fields: {} });
      const zh = await call("POST", "/api/v1/listings", { body: listingInput(), lang: "zh-CN" });
      expect(zh.body.error.message).toBe("此操作需要 API 密钥：请在请求头中发送 Authorization: Bearer yk_…");
      expect(await countListings()).toBe(before);
    });

    it("a signed-in browser session is not enough: the API never reads cookies", async () => {
      const c = app.client("en");
      await c.signIn(orgA.owner.email, PASSWORD);
      const res = await c.request("/api/v1/listings", {
        method: "POST",
        body: JSON.stringify(listingInput()),
        headers: { "content-type": "application/json" },
      });
      expect(res.status).toBe(401);
    });

    it("a revoked key, an unknown key or a malformed header is a 401, also for reads", async () => {
      const { key, id } = await createApiKey(db, await orgA.owner.actor(), orgA.orgId, "short-lived");
      expect((await call("GET", "/api/v1/listings", { key })).status).toBe(200);
      await revokeApiKey(db, await orgA.owner.actor(), orgA.orgId, id);
      const revoked = await call("POST", "/api/v1/listings", { key, body: listingInput(), lang: "en" });
      expect(revoked.status).toBe(401);
      expect(revoked.body.error.message).toBe("This API key has been revoked");
      expect((await call("GET", "/api/v1/listings", { key })).status).toBe(401);
      expect((await call("GET", "/api/v1/listings", { key: `yk_${"x".repeat(40)}` })).status).toBe(401);
      expect((await call("GET", "/api/v1/listings", { headers: { authorization: "Basic abc" } })).status).toBe(401);
    });
  });

  describe("writing", () => {
    it("creates a draft for the key's organisation, or submits it for review with submit: true", async () => {
      const res = await call("POST", "/api/v1/listings", { key: keyA, body: listingInput({ title: "通过接口创建的数据集", externalId: "api-1" }) });
      expect(res.status).toBe(201);
      expect(res.body.listing).toMatchObject({
        status: "draft",
        orgId: orgA.orgId,
        title: "通过接口创建的数据集",
        externalId: "api-1",
        own: true,
        priceMin: null,
      });
      expect(res.res.headers.get("location")).toBe(`/api/v1/listings/${res.body.listing.id}`);
      const row = await db.selectFrom("listings").select(["org_id", "created_by"]).where("id", "=", res.body.listing.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ org_id: orgA.orgId, created_by: orgA.owner.id });

      const submitted = await call("POST", "/api/v1/listings", { key: keyA, body: { ...listingInput({ title: "提交审核的数据集" }), submit: true } });
      expect(submitted.status).toBe(201);
      expect(submitted.body.listing.status).toBe("pending_review");

      const dup = await call("POST", "/api/v1/listings", { key: keyA, body: listingInput({ externalId: "api-1" }), lang: "en" });
      expect(dup.status).toBe(409);
      expect(dup.body.error).toMatchObject({ code: "conflict", fields: { externalId: "Another listing of your organisation already uses this external id" } });
    });

    it("PATCH changes only what it sends; PUT replaces; both re-validate", async () => {
      const created = await call("POST", "/api/v1/listings", { key: keyA, body: listingInput({ title: "待修改的数据集", tags: ["交通", "出行"] }) });
      const id = created.body.listing.id;
      const patched = await call("PATCH", `/api/v1/listings/${id}`, { key: keyA, body: { title: "已修改的数据集", compliance: { crossBorder: true } } });
      expect(patched.status).toBe(200);
      expect(patched.body.listing).toMatchObject({
        title: "已修改的数据集",
        tags: ["交通", "出行"],
        compliance: { crossBorder: true, personalInfo: false },
        version: 2,
      });

      const put = await call("PUT", `/api/v1/listings/${id}`, { key: keyA, body: listingInput({ title: "整体替换的数据集" }) });
      expect(put.status).toBe(200);
      expect(put.body.listing).toMatchObject({ title: "整体替换的数据集", tags: ["交通"], compliance: { crossBorder: false } });

      const bad = await call("PATCH", `/api/v1/listings/${id}`, { key: keyA, body: { title: "短" }, lang: "en" });
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields).toEqual({ title: "At least 4 characters" });

      const submitted = await call("PATCH", `/api/v1/listings/${id}`, { key: keyA, body: { submit: true } });
      expect(submitted.body.listing.status).toBe("pending_review");
    });

    it("another organisation's key cannot update a listing: 403", async () => {
      const res = await call("PATCH", `/api/v1/listings/${transportId}`, { key: keyB, body: { title: "别人的修改" }, lang: "en" });
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({ code: "forbidden", message: "Only the organisation that posted this listing may change it" });
      const row = await db.selectFrom("listings").select("title").where("id", "=", transportId).executeTakeFirstOrThrow();
      expect(row.title).toBe("城市交通流量数据集");
    });

    it("validation errors are JSON with a code, a message and per-field messages, in English and Chinese", async () => {
      const before = await countListings();
      const body = listingInput({ title: "枚举值错误的数据集" }) as Record<string, unknown>;
      const en = await call("POST", "/api/v1/listings", { key: keyA, body: { ...body, dataCategory: "alien", rights: ["everything"] }, lang: "en" });
      expect(en.status).toBe(400);
      expect(en.body.error).toEqual({
        code: "validation_failed",
        message: "Some fields are not valid: see fields",
        fields: { dataCategory: "Choose one of the options", "rights.0": "Choose one of the options" },
      });
      const zh = await call("POST", "/api/v1/listings", { key: keyA, body: { ...body, dataCategory: "alien" }, lang: "zh-CN,zh;q=0.9" });
      expect(zh.body.error.message).toBe("部分字段无效，请查看 fields");
      expect(zh.body.error.fields.dataCategory).toBe("请从列表中选择");

      const price = await call("POST", "/api/v1/listings", { key: keyA, body: { ...body, pricingModel: "fixed", priceMin: 500, priceMax: 100 }, lang: "en" });
      expect(price.status).toBe(400);
      expect(price.body.error.fields).toEqual({ priceMax: "The maximum price cannot be below the minimum" });

      const submitFlag = await call("POST", "/api/v1/listings", { key: keyA, body: { ...body, submit: "yes" }, lang: "en" });
      expect(submitFlag.status).toBe(400);
      expect(submitFlag.body.error.fields.submit).toBe("This value is not valid");
      expect(await countListings()).toBe(before);
    });

    it("a body that is not JSON, not an object, or over 1 MB is refused with a 4xx, never a 500", async () => {
      const before = await countListings();
      const broken = await call("POST", "/api/v1/listings", { key: keyA, raw: '{"title": ', lang: "en" });
      expect(broken.status).toBe(400);
      expect(broken.body.error).toMatchObject({ code: "invalid_json", message: "The request body is not valid JSON" });
      const array = await call("POST", "/api/v1/listings", { key: keyA, body: [listingInput()] });
      expect(array.status).toBe(400);
      const empty = await call("POST", "/api/v1/listings", { key: keyA, raw: "" });
      expect(empty.status).toBe(400);

      const huge = await call("POST", "/api/v1/listings", { key: keyA, body: { ...listingInput(), description: "x".repeat(10 * 1024 * 1024) }, lang: "en" });
      expect([400, 413]).toContain(huge.status);
      expect(huge.body.error.message).toBe("The request body is larger than 1 MB");
      // Under the byte limit but over the schema's length limit: the schema answers.
      const long = await call("POST", "/api/v1/listings", { key: keyA, body: { ...listingInput(), description: "x".repeat(20_001) }, lang: "en" });
      expect(long.status).toBe(400);
      expect(long.body.error.fields.description).toBe("At most 20000 characters");
      expect(await countListings()).toBe(before);
    });

    it("stores markup as sent and returns it as data (pages sanitise when they render)", async () => {
      const description = '<script>alert("x")</script><img src=x onerror=alert(1)> 数据说明足够长的描述文字';
      const res = await call("POST", "/api/v1/listings", { key: keyA, body: listingInput({ description }) });
      expect(res.status).toBe(201);
      const got = await call("GET", `/api/v1/listings/${res.body.listing.id}`, { key: keyA });
      expect(got.body.listing.description).toBe(description);
      expect(got.res.headers.get("content-type")).toContain("application/json");
    });

    it("unsupported methods get a 405 with Allow", async () => {
      const res = await call("DELETE", `/api/v1/listings/${transportId}`, { key: keyA, lang: "en" });
      expect(res.status).toBe(405);
      expect(res.res.headers.get("allow")).toBe("GET, PATCH, PUT");
      expect(res.body.error.code).toBe("method_not_allowed");
    });
  });

  describe("Idempotency-Key", () => {
    it("a retried create with the same key and body writes once and replays the answer", async () => {
      const before = await countListings();
      const body = listingInput({ title: "幂等重试的数据集" });
      const headers = { "idempotency-key": `retry-${process.pid}` };
      const first = await call("POST", "/api/v1/listings", { key: keyA, body, headers });
      const again = await call("POST", "/api/v1/listings", { key: keyA, body, headers });
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.body.listing.id).toBe(first.body.listing.id);
      expect(again.res.headers.get("idempotent-replayed")).toBe("true");
      expect(await countListings()).toBe(before + 1);
      // The same key for a different request is refused, and writes nothing.
      const other = await call("POST", "/api/v1/listings", { key: keyA, body: { ...body, title: "另一个完全不同的数据集" }, headers, lang: "en" });
      expect(other.status).toBe(409);
      expect(other.body.error.message).toBe("This Idempotency-Key was already used for a different request");
      // Keys belong to their API key: another organisation's key with the same header writes its own.
      const theirs = await call("POST", "/api/v1/listings", { key: keyB, body, headers });
      expect(theirs.status).toBe(201);
      expect(await countListings()).toBe(before + 2);
    });

    it("the same JSON in another key order replays; two API keys of one organisation share the key; concurrent retries write once", async () => {
      const before = await countListings();
      const body = listingInput({ title: "键顺序不同的同一请求" });
      const reordered = Object.fromEntries(Object.entries(body).reverse());
      const headers = { "idempotency-key": `order-${process.pid}` };
      const first = await call("POST", "/api/v1/listings", { key: keyA, body, headers });
      expect(first.status).toBe(201);
      const again = await call("POST", "/api/v1/listings", { key: keyA, body: reordered, headers });
      expect(again.status).toBe(201);
      expect(again.body.listing.id).toBe(first.body.listing.id);
      // A second key of the same organisation retrying the same request gets the same answer.
      const keyA2 = (await createApiKey(db, await orgA.owner.actor(), orgA.orgId, "A2")).key;
      const sibling = await call("POST", "/api/v1/listings", { key: keyA2, body, headers });
      expect(sibling.body.listing?.id).toBe(first.body.listing.id);
      expect(await countListings()).toBe(before + 1);

      // Five retries at once, as a client whose first attempt timed out might send them.
      const burst = { "idempotency-key": `burst-${process.pid}` };
      const all = await Promise.all(
        Array.from({ length: 5 }, () => call("POST", "/api/v1/listings", { key: keyA, body: listingInput({ title: "并发重试的数据集" }), headers: burst })),
      );
      expect(all.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
      expect(new Set(all.map((r) => r.body.listing.id)).size).toBe(1);
      expect(await countListings()).toBe(before + 2);
    });

    it("a write refused by the model frees its key for the corrected retry", async () => {
      const taken = `ext-${process.pid}`;
      expect((await call("POST", "/api/v1/listings", { key: keyA, body: listingInput({ externalId: taken }) })).status).toBe(201);
      const headers = { "idempotency-key": `fix-${process.pid}` };
      const clash = await call("POST", "/api/v1/listings", { key: keyA, body: listingInput({ externalId: taken }), headers });
      expect(clash.status).toBe(409);
      const fixed = await call("POST", "/api/v1/listings", { key: keyA, body: listingInput({ externalId: `${taken}-2` }), headers });
      expect(fixed.status).toBe(201);
    });
  });
});
