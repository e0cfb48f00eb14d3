import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import type { Db } from "../db/index";
import { listingInputSchema } from "../app/models/marketplace/listing-schema";
import {
  changeListingStatus,
  createListing,
  getListing,
  listingCan,
  listingHistory,
  reviewListing,
  updateListing,
} from "../app/models/marketplace/listings.server";
import { searchListings } from "../app/models/marketplace/listing-search.server";
import type { Actor } from "../app/models/core/permissions";
import { toFieldErrors } from "../app/models/core/zod-fields";
import { dbForSuite } from "./helpers/db";
import { recordingRealtime } from "./helpers/realtime";
import { application, auditRows, makeApprovedOrg, makeUser } from "./helpers/fixtures";
import { listingInput, publishListing } from "./helpers/listings";
import { applyForMembership } from "../app/models/accounts/organisations.server";

const query = (q: Record<string, unknown> = {}) => ({ sort: "relevance" as const, page: 1, ...q });

describe("listings", () => {
  const t = dbForSuite();
  let db: Db;
  let staff: Actor;
  let owner: Actor;
  let rival: Actor;
  beforeAll(async () => {
    db = t.db;
    staff = await (await makeUser(db, { role: "secretariat" })).actor();
    owner = await (await makeApprovedOrg(db, staff)).owner.actor();
    rival = await (await makeApprovedOrg(db, staff)).owner.actor();
  });

  const invalid = (overrides: Record<string, unknown>) => {
    const raw = { ...listingInput(), ...overrides };
    const r = listingInputSchema.safeParse(raw);
    return r.success ? null : toFieldErrors(r.error);
  };

  it("refuses core data, a price range upside down, unknown enum values and overlong text, each on its field", () => {
    expect(invalid({ grade: "core" })).toEqual({ grade: ["v.coreData"] });
    expect(invalid({ priceMin: 500, priceMax: 100 })).toEqual({ priceMax: ["v.priceOrder"] });
    expect(invalid({ sectors: ["space_mining"] })).toEqual({ "sectors.0": ["v.choose"] });
    expect(invalid({ kind: "barter" })).toEqual({ kind: ["v.choose"] });
    expect(invalid({ description: "数".repeat(10 * 1024 * 1024) })).toEqual({ description: ["v.tooLong.20000"] });
    expect(invalid({ scenario: "" })?.scenario[0]).toBe("v.required");
    expect(invalid({ grade: "important" })).toEqual({ "compliance.declaration": ["v.importantDeclaration"] });
    expect(invalid({ dataCategory: "personal" })).toEqual({ "compliance.personalInfo": ["v.personalInfo"] });
  });

  it("the database itself refuses to publish core data", async () => {
    const id = await createListing(db, owner, listingInput());
    const err = await sql`update listings set grade = 'core', status = 'published' where id = ${id}`.execute(db).catch((e) => e);
    expect(String(err.message ?? err)).toMatch(/listings_no_core_published/);
  });

  it("only approved organisations post; an applicant still under review cannot", async () => {
    const applicant = await makeUser(db);
    await applyForMembership(db, await applicant.actor(), application() as never);
    await expect(createListing(db, await applicant.actor(), listingInput())).rejects.toMatchObject({ status: 403, messageKey: "errors.orgNotApproved" });
    await expect(createListing(db, null, listingInput())).rejects.toMatchObject({ status: 403 });
  });

  it("goes draft -> review -> returned with reasons -> review -> published -> closed, audited and announced to the owner's colleagues", async () => {
    const id = await createListing(db, owner, listingInput({ title: "生命周期测试数据集" }));
    await changeListingStatus(db, owner, id, "pending_review");
    await reviewListing(db, staff, id, { decision: "return", reason: "请补充字段说明" });
    const returned = await getListing(db, owner, id);
    expect(returned).toMatchObject({ status: "draft", reviewNotes: "请补充字段说明" });
    await changeListingStatus(db, owner, id, "pending_review");
    await reviewListing(db, staff, id, { decision: "approve", reason: null });
    expect((await getListing(db, null, id)).status).toBe("published");
    await expect(reviewListing(db, staff, id, { decision: "approve", reason: null })).rejects.toMatchObject({ status: 409 });
    await changeListingStatus(db, owner, id, "closed");
    await expect(changeListingStatus(db, owner, id, "pending_review")).rejects.toMatchObject({ status: 409 });
    await expect(updateListing(db, owner, id, listingInput())).rejects.toMatchObject({ status: 409 });
    const actions = (await auditRows(db, id)).map((r) => r.action);
    expect(actions).toEqual(["listing.created", "listing.pending_review", "listing.draft", "listing.pending_review", "listing.published", "listing.closed"]);
  });

  it("what a reader may do with a listing comes from the model at each status, and every move it offers works", async () => {
    const id = await createListing(db, owner, listingInput({ title: "可做之事测试数据集" }));
    const can = async (who: Actor | null) => listingCan(await getListing(db, who ?? staff, id), who);
    expect(await can(owner)).toEqual({ edit: true, moves: ["pending_review", "withdrawn"], expressInterest: false, seeMatches: false });
    await changeListingStatus(db, owner, id, "pending_review");
    // Under review the owner may only withdraw; approving and returning are the secretariat's.
    expect(await can(owner)).toEqual({ edit: true, moves: ["withdrawn"], expressInterest: false, seeMatches: false });
    await reviewListing(db, staff, id, { decision: "approve", reason: null });
    expect(await can(owner)).toEqual({ edit: true, moves: ["closed", "withdrawn"], expressInterest: false, seeMatches: true });
    expect(await can(rival)).toEqual({ edit: false, moves: [], expressInterest: true, seeMatches: false });
    expect(listingCan(await getListing(db, null, id), null)).toEqual({ edit: false, moves: [], expressInterest: false, seeMatches: false });
    await changeListingStatus(db, owner, id, "closed");
    expect(await can(owner)).toEqual({ edit: false, moves: [], expressInterest: false, seeMatches: false });
  });

  it("only the secretariat reviews", async () => {
    const id = await createListing(db, owner, listingInput(), { submit: true });
    await expect(reviewListing(db, rival, id, { decision: "approve", reason: null })).rejects.toMatchObject({ status: 403 });
  });

  it("another organisation can neither edit a listing nor see it before it is published", async () => {
    const id = await createListing(db, owner, listingInput());
    await expect(getListing(db, rival, id)).rejects.toMatchObject({ status: 404 });
    await expect(updateListing(db, rival, id, listingInput())).rejects.toMatchObject({ status: 404 });
    const published = await publishListing(db, owner, staff);
    await expect(updateListing(db, rival, published, listingInput({ title: "被篡改的标题" }))).rejects.toMatchObject({ status: 403 });
    expect((await getListing(db, null, published)).title).toBe("城市交通流量数据集");
  });

  it("edits to a published listing keep the earlier versions", async () => {
    const id = await publishListing(db, owner, staff, { title: "初版标题的数据" });
    await updateListing(db, owner, id, listingInput({ title: "第二版标题的数据" }));
    await updateListing(db, owner, id, listingInput({ title: "第三版标题的数据" }));
    const now = await getListing(db, null, id);
    expect(now).toMatchObject({ title: "第三版标题的数据", version: 3, status: "published" });
    const history = await listingHistory(db, null, id);
    expect(history.map((h) => [h.version, h.title])).toEqual([
      [2, "第二版标题的数据"],
      [1, "初版标题的数据"],
    ]);
    // The search index follows the edit.
    expect((await searchListings(db, query({ q: "第三版" }))).hits.map((h) => h.id)).toContain(id);
    expect((await searchListings(db, query({ q: "初版" }))).hits.map((h) => h.id)).not.toContain(id);
  });

  it("contact details are only for signed-in members of approved organisations", async () => {
    const id = await publishListing(db, owner, staff);
    const loner = await (await makeUser(db)).actor();
    expect((await getListing(db, null, id)).contact).toBeNull();
    expect((await getListing(db, loner, id)).contact).toBeNull();
    expect((await getListing(db, rival, id)).contact?.email).toBe("data@example.test");
  });

  it("search finds Simplified text from a Traditional query and the reverse, two-character words, and English words", async () => {
    const zh = await publishListing(db, owner, staff, {
      title: "医疗健康数据开放目录",
      description: "汇集全市医疗机构的门诊与住院统计数据。",
      sectors: ["health"],
      tags: ["医疗"],
      scenario: "医疗资源规划",
    });
    const hant = await publishListing(db, owner, staff, {
      title: "港口交通數據服務",
      description: "提供港口集裝箱車輛交通流量數據。",
      sectors: ["transport"],
      regions: ["hong_kong"],
      tags: ["港口"],
      scenario: "港口車流調度",
    });
    const en = await publishListing(db, owner, staff, {
      title: "Retail footfall analytics",
      description: "Hourly footfall counts for shopping districts.",
      sectors: ["commerce"],
      tags: ["retail"],
      scenario: "Store location planning",
    });
    const ids = async (q: string, extra: Record<string, unknown> = {}) => (await searchListings(db, query({ q, ...extra }))).hits.map((h) => h.id);
    expect(await ids("醫療")).toContain(zh);
    expect(await ids("数据")).toEqual(expect.arrayContaining([zh, hant]));
    expect(await ids("交通")).toContain(hant);
    expect(await ids("交通")).not.toContain(zh);
    expect(await ids("footfall")).toEqual([en]);
    expect(await ids("医疗 住院")).toEqual([zh]);
    expect(await ids("医疗", { sector: "transport" })).toEqual([]);
    const hit = (await searchListings(db, query({ q: "医疗" }))).hits.find((h) => h.id === zh)!;
    expect(hit.snippet.filter((p) => p.marked).map((p) => p.text)).toContain("医疗");
    expect(await ids("'; drop table listings; --")).toEqual([]);
  });

  it("publishing tells the owners of strong counterparts at once, and nobody else", async () => {
    const buyer = await makeApprovedOrg(db, staff, { type: "user" });
    const bystander = await makeApprovedOrg(db, staff);
    const buyerActor = await buyer.owner.actor();
    await publishListing(db, buyerActor, staff, {
      kind: "demand",
      title: "采购港航集装箱吞吐量数据",
      description: "需要港口集装箱吞吐量与船舶靠泊数据，用于物流调度优化。",
      sectors: ["transport"],
      deliveryModes: ["api"],
      tags: ["港口", "集装箱"],
      scenario: "港口物流调度",
      regions: ["gz_tianhe"],
    });
    await publishListing(db, await bystander.owner.actor(), staff, {
      kind: "demand",
      title: "农产品价格行情数据需求",
      description: "需要批发市场农产品价格行情。",
      sectors: ["agriculture"],
      tags: ["农产品"],
      scenario: "价格监测",
    });
    const { sent, realtime } = recordingRealtime();
    await publishListing(
      db,
      owner,
      staff,
      {
        title: "港口集装箱吞吐量数据接口",
        description: "实时提供港口集装箱吞吐量、船舶靠泊与堆场数据。",
        sectors: ["transport"],
        deliveryModes: ["api"],
        tags: ["港口", "集装箱"],
        scenario: "港口物流调度",
      },
      realtime,
    );
    const matchNotes = sent.filter((s) => s.data.kind === "match.new");
    expect(matchNotes.map((s) => s.userId)).toContain(buyer.owner.id);
    expect(matchNotes.map((s) => s.userId)).not.toContain(bystander.owner.id);
    const stored = await db.selectFrom("notifications").select(["kind", "payload"]).where("user_id", "=", buyer.owner.id).execute();
    expect(stored.map((n) => n.kind)).toContain("match.new");
  });
});
