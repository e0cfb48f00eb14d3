import crypto from "node:crypto";
import http from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, seedDemo } from "../db/seed/index";
import { storeImages, type PreparedImage } from "../app/models/media/images.server";
import { loadActor } from "../app/models/accounts/auth.server";
import type { MemberActor } from "../app/models/core/permissions";
import { startTestApp, type HttpClient } from "./helpers/app";
import { dbForSuite } from "./helpers/db";

const MEMBER = "baiyun-logistics@yaosu.demo";

/** The longest the event loop stood still (ms) while `work` ran: what every other request waited at most. */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  await work();
  // One more turn, so a block that ended with the work is recorded.
  await new Promise((r) => setTimeout(r, 20));
  h.disable();
  return h.max / 1e6;
}

/** Sends a POST of `bytes` declared up front, all of it, and says what the client saw: the status, or the socket error. */
function postAll(url: string, bytes: number, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve) => {
    const req = http.request(url, { method: "POST", headers: { ...headers, "content-length": String(bytes) } });
    req.on("response", (res) => {
      res.resume();
      res.on("end", () => resolve(String(res.statusCode)));
    });
    req.on("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        const n = Math.min(chunk.length, bytes - sent);
        sent += n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}

describe("one heavy request does not stall the others, and what it stores is bounded", () => {
  const t = dbForSuite();
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let member: HttpClient;
  beforeAll(async () => {
    await seedDemo(t.db);
    app = await startTestApp(t.db);
    member = app.client("en");
    await member.signIn(MEMBER, DEMO_PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
  });

  it("a page that takes no files refuses a 2 MB multipart form with a 413; upload pages take it", async () => {
    const headers = { "content-type": "multipart/form-data; boundary=x", origin: app.baseUrl, cookie: member.cookieHeader };
    expect(await postAll(`${app.baseUrl}/listings/new`, 2 * 1024 * 1024, headers)).toBe("413");
    // The scenario form has room for its pictures (the body is not a valid form: a 400, not a 413).
    expect(await postAll(`${app.baseUrl}/scenarios/new`, 2 * 1024 * 1024, headers)).not.toBe("413");
  });

  it("three over-limit uploads at once each read their 413 instead of a connection reset", async () => {
    const headers = { "content-type": "multipart/form-data; boundary=x", origin: app.baseUrl, cookie: member.cookieHeader };
    const seen = await Promise.all([0, 1, 2].map(() => postAll(`${app.baseUrl}/scenarios/new`, 33 * 1024 * 1024, headers)));
    expect(seen).toEqual(["413", "413", "413"]);
    const small = await Promise.all([0, 1, 2].map(() => postAll(`${app.baseUrl}/listings/new`, 5 * 1024 * 1024, headers)));
    expect(small).toEqual(["413", "413", "413"]);
  });

  it("an anonymous diff of two 99,000-line versions answers quickly with a message, and a one-line change shows as a gap", async () => {
    const draft = await t.db.selectFrom("drafts").select(["id", "group_id"]).where("stage", "=", "public_comment").executeTakeFirstOrThrow();
    const author = await t.db.selectFrom("users").select("id").executeTakeFirstOrThrow();
    const lines = Array.from({ length: 99_000 }, (_, i) => String(i % 10));
    const spread = lines.map((l, i) => (i % 1000 === 0 ? `${l}x` : l));
    const single = lines.map((l, i) => (i === 50_000 ? "changed" : l));
    await t.db
      .insertInto("draft_versions")
      .values([
        { draft_id: draft.id, number: 101, body: lines.join("\n"), author_id: author.id, note: null },
        { draft_id: draft.id, number: 102, body: spread.join("\n"), author_id: author.id, note: null },
        { draft_id: draft.id, number: 103, body: single.join("\n"), author_id: author.id, note: null },
      ])
      .execute();
    const base = `/groups/${draft.group_id}/drafts/${draft.id}/diff`;
    let html = "";
    const stall = await longestStall(async () => {
      const res = await app.client("en").get(`${base}?from=101&to=102`);
      expect(res.status).toBe(200);
      html = await res.text();
    });
    expect(html).toContain("too many to compare here");
    // Generous: the old diff held the loop 1–6 s here.
    expect(stall).toBeLessThan(400);

    const oneChange = await app.client("en").get(`${base}?from=101&to=103`);
    const page = await oneChange.text();
    expect(page).toMatch(/<del class="dr-del">- 0\s*<\/del><ins class="dr-add">\+ changed/);
    expect(page).toContain("49997 unchanged lines");
    expect(page.length).toBeLessThan(200_000);
  });

  it("storing six large images holds the event loop for a fraction of a second, not seconds", async () => {
    const actor = (await loadActor(
      t.db,
      (await t.db.selectFrom("users").select("id").where("email", "=", MEMBER).executeTakeFirstOrThrow()).id,
    )) as MemberActor;
    const images: PreparedImage[] = [0, 1, 2, 3, 4, 5].map(() => ({
      width: 1600,
      height: 1600,
      bytes: crypto.randomBytes(1_400_000),
      thumb: crypto.randomBytes(100_000),
    }));
    let paths: string[] = [];
    const stall = await longestStall(async () => {
      paths = await t.db.transaction().execute((trx) => storeImages(trx, actor, images));
    });
    // Generous: the bytes went through the embedded driver one byte at a time before (~20 s for these).
    expect(stall).toBeLessThan(1000);
    const served = await app.client("en").get(paths[0]);
    expect(Buffer.from(await served.arrayBuffer()).equals(images[0].bytes)).toBe(true);
  });

  it("an organisation's image storage has a quota", async () => {
    const actor = (await loadActor(
      t.db,
      (await t.db.selectFrom("users").select("id").where("email", "=", MEMBER).executeTakeFirstOrThrow()).id,
    )) as MemberActor;
    const big: PreparedImage = { width: 10, height: 10, bytes: crypto.randomBytes(1000), thumb: crypto.randomBytes(100) };
    const used = await t.db
      .selectFrom("images")
      .select(t.db.fn.sum<string>(t.db.fn("octet_length", ["bytes"])).as("n"))
      .where("org_id", "=", actor.org.id)
      .executeTakeFirstOrThrow();
    const quota = Number(used.n ?? 0) + 1500;
    await expect(t.db.transaction().execute((trx) => storeImages(trx, actor, [big, big], quota))).rejects.toMatchObject({
      status: 409,
      messageKey: "media.errors.quotaFull",
    });
  });

  it("a picture taken off a scenario is no longer stored or served", async () => {
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 1, g: 2, b: 3 } } })
      .png()
      .toBuffer();
    const form = (files: number) => {
      const body = new FormData();
      const fields = {
        title: "台风季港口作业调度",
        sector: "transport",
        region: "nansha",
        problem: "台风季港区作业需要结合气象与船期数据调整堆场和泊位计划。",
        results: "",
      };
      for (const [k, v] of Object.entries(fields)) body.append(k, v);
      body.append("deliveryModes", "api");
      for (let i = 0; i < files; i++) body.append("imageFiles", new Blob([new Uint8Array(png)], { type: "image/png" }), `p${i}.png`);
      return body;
    };
    const created = await member.request("/scenarios/new", { method: "POST", body: form(1) });
    expect(created.status).toBe(302);
    const id = created.headers.get("location")!.split("/").pop()!;
    const [path] = (await t.db.selectFrom("scenarios").select("image_urls").where("id", "=", id).executeTakeFirstOrThrow()).image_urls;
    expect((await app.client("en").get(path)).status).toBe(200);
    expect((await member.request(`/scenarios/${id}/edit`, { method: "POST", body: form(0) })).status).toBe(302);
    expect((await app.client("en").get(path)).status).toBe(404);
    expect((await app.client("en").get(path.replace(".webp", "-thumb.webp"))).status).toBe(404);

    // Too many files: the message names the number, not a raw placeholder.
    const tooMany = await member.request(`/scenarios/new?_data=${encodeURIComponent("routes/scenarios.new")}`, { method: "POST", body: form(7) });
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { fieldErrors: Record<string, string> }).fieldErrors.imageFiles).toBe("At most 6 images per scenario");
  });
});
