import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import type { Actor } from "../app/models/core/permissions";
import { advanceMatch, expressInterest } from "../app/models/marketplace/deals.server";
import { dbForSuite } from "./helpers/db";
import { startTestApp, type HttpClient } from "./helpers/app";
import { PASSWORD, makeApprovedOrg, makeUser } from "./helpers/fixtures";
import { publishListing } from "./helpers/listings";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n");
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]);

/** A browser's multipart form: text fields and files. */
function multipart(fields: Record<string, string>, files: { name: string; bytes: Uint8Array; type?: string }[] = []) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append("evidence", new Blob([new Uint8Array(f.bytes)], { type: f.type ?? "application/octet-stream" }), f.name);
  return form;
}

describe("disputes over HTTP: forms with evidence files, downloads, the body limit", () => {
  const t = dbForSuite();
  let db: Db;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let seller: { email: string; actor: () => Promise<Actor> };
  let buyer: { email: string; actor: () => Promise<Actor> };
  let stranger: { email: string };
  let matchId: string;

  beforeAll(async () => {
    db = t.db;
    const staff = await (await makeUser(db, { role: "secretariat" })).actor();
    seller = (await makeApprovedOrg(db, staff)).owner;
    buyer = (await makeApprovedOrg(db, staff, { type: "user" })).owner;
    stranger = (await makeApprovedOrg(db, staff)).owner;
    const supplyId = await publishListing(db, await seller.actor(), staff, { title: "港区集装箱作业数据", sectors: ["transport"] });
    const demandId = await publishListing(db, await buyer.actor(), staff, { kind: "demand", title: "需要集装箱作业数据", sectors: ["transport"] });
    matchId = await expressInterest(db, await buyer.actor(), { myListingId: demandId, otherListingId: supplyId });
    await advanceMatch(db, await seller.actor(), matchId, "accept");
    app = await startTestApp(db);
  });
  afterAll(async () => {
    await app.close();
  });

  async function signedIn(who: { email: string }, lang = "en"): Promise<HttpClient> {
    const c = app.client(lang);
    await c.signIn(who.email, PASSWORD);
    return c;
  }

  it("a party opens a dispute from the deal with a 2 MB PDF; a file of another type is refused in the reader's language", async () => {
    const c = await signedIn(buyer, "zh-CN");
    expect(await (await c.get(`/matches/${matchId}`)).text()).toContain(`/disputes/new?match=${matchId}`);
    expect((await c.get(`/disputes/new?match=${matchId}`)).status).toBe(200);
    const fields = { matchId, title: "交付数据缺少字段", claim: "交付的数据缺少约定的箱号字段，请对方补交。" };

    const bad = await c.request(`/disputes/new?_data=${encodeURIComponent("routes/disputes.new")}`, {
      method: "POST",
      body: multipart(fields, [{ name: "合同.pdf", bytes: ZIP, type: "application/pdf" }]),
    });
    expect(bad.status).toBe(400);
    const reply = (await bad.json()) as { error: Record<string, string[]> };
    expect(reply.error.evidence).toEqual(["文件“合同.pdf”不是 PDF、PNG、JPEG 或纯文本文件"]);
    expect(await db.selectFrom("disputes").select("id").where("match_id", "=", matchId).execute()).toEqual([]);

    // Over the 1 MB form limit, allowed on this page for multipart forms.
    const big = Buffer.concat([PDF, Buffer.alloc(2 * 1024 * 1024, 0x20)]);
    const res = await c.request("/disputes/new", { method: "POST", body: multipart(fields, [{ name: "合同.pdf", bytes: big }]) });
    expect(res.status).toBe(302);
    const disputePath = res.headers.get("location")!.split("?")[0];
    expect(disputePath).toMatch(/^\/disputes\/[0-9a-f-]{36}$/);
    const page = await (await c.get(disputePath)).text();
    expect(page).toContain("交付数据缺少字段");
    const link = /href="(\/evidence\/[0-9a-f-]{36})"/.exec(page)![1];

    // Downloaded by a party as an attachment of the checked type; a stranger and a visitor get nothing.
    const file = await c.get(link);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/pdf");
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    expect(file.headers.get("content-disposition")).toBe(`attachment; filename="__.pdf"; filename*=UTF-8''${encodeURIComponent("合同.pdf")}`);
    expect(Buffer.from(await file.arrayBuffer()).equals(big)).toBe(true);
    const respondent = await signedIn(seller);
    expect((await respondent.get(link)).status).toBe(200);
    expect((await (await signedIn(stranger)).get(link)).status).toBe(404);
    expect((await (await signedIn(stranger)).get(disputePath)).status).toBe(404);
    expect((await app.client().get(link)).status).toBe(302);

    // The respondent answers through the page's form (multipart, one action for every step).
    const id = disputePath.split("/").pop()!;
    const answer = await respondent.request(`${disputePath}?_data=${encodeURIComponent("routes/disputes.$id")}`, {
      method: "POST",
      body: multipart({ intent: "answer", body: "箱号字段已在第二批交付中补齐。" }),
    });
    expect(answer.status).toBe(200);
    expect((await db.selectFrom("disputes").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("answered");
    const again = await respondent.request(`${disputePath}?_data=${encodeURIComponent("routes/disputes.$id")}`, {
      method: "POST",
      body: multipart({ intent: "answer", body: "再答复一次。" }),
    });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: Record<string, string[]> }).error[""]).toEqual(["The dispute's status does not allow this step; reload the page"]);
  });

  it("keeps the 1 MB limit for forms elsewhere and for non-multipart posts to the dispute pages", async () => {
    const c = await signedIn(buyer);
    const big = "x".repeat(1024 * 1024 + 10);
    expect((await c.post(`/matches/${matchId}`, { intent: "message", body: big })).status).toBe(413);
    expect((await c.post("/disputes/new", { matchId, title: "x", claim: big })).status).toBe(413);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from evidence_files`.execute(db);
    expect(rows[0].n).toBe(1);
  });
});
