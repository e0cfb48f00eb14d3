import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import {
  advanceMatch,
  expressInterest,
  getMatchView,
  matchesForListing,
  messagesAfter,
  myCounterListings,
  myMatches,
  postMessage,
  rateCounterpart,
} from "../app/models/marketplace/deals.server";
import type { Actor } from "../app/models/core/permissions";
import { dbForSuite } from "./helpers/db";
import { auditRows, makeApprovedOrg, makeUser } from "./helpers/fixtures";
import { publishListing } from "./helpers/listings";
import { NOTIFY_THRESHOLD } from "../app/models/marketplace/matching.server";

describe("the match workflow", () => {
  const t = dbForSuite();
  let db: Db;
  let staff: Actor;
  let seller: Actor;
  let buyer: Actor;
  let outsider: Actor;
  let supplyId: string;
  let demandId: string;
  beforeAll(async () => {
    db = t.db;
    staff = await (await makeUser(db, { role: "secretariat" })).actor();
    seller = await (await makeApprovedOrg(db, staff)).owner.actor();
    buyer = await (await makeApprovedOrg(db, staff, { type: "user" })).owner.actor();
    outsider = await (await makeApprovedOrg(db, staff)).owner.actor();
    supplyId = await publishListing(db, seller, staff, {
      title: "物流车辆轨迹数据",
      description: "城市货运车辆脱敏轨迹数据。",
      tags: ["物流"],
      scenario: "物流路径优化",
      sectors: ["transport"],
    });
    demandId = await publishListing(db, buyer, staff, {
      kind: "demand",
      title: "需要货运车辆轨迹数据",
      description: "用于物流路径优化的货运轨迹。",
      tags: ["物流"],
      scenario: "物流路径优化",
      sectors: ["transport"],
    });
  });

  it("the owner sees ranked matches with reasons for a published listing", async () => {
    const matches = await matchesForListing(db, buyer, demandId);
    expect(matches[0]).toMatchObject({ listingId: supplyId, title: "物流车辆轨迹数据" });
    expect(matches[0].reasons.map((r) => r.code)).toContain("sector");
  });

  it("a weak match, not suggested on publication, carries the score and reasons its owner saw in the list", async () => {
    const weakSupply = await publishListing(db, seller, staff, {
      title: "港口船舶进出港记录",
      description: "南沙港区船舶进出港时间与泊位占用记录。",
      tags: ["港口", "船舶"],
      scenario: "泊位调度",
      sectors: ["transport"],
      deliveryModes: ["report"],
      rights: ["holding"],
      regions: ["nansha"],
    });
    const listed = (await matchesForListing(db, buyer, demandId)).find((m) => m.listingId === weakSupply)!;
    expect(listed.score).toBeLessThan(NOTIFY_THRESHOLD);
    const matchId = await expressInterest(db, buyer, { myListingId: demandId, otherListingId: weakSupply });
    expect(await getMatchView(db, buyer, matchId)).toMatchObject({ score: listed.score, reasons: listed.reasons });
  });

  it("interest -> accept -> messages -> both agree -> filed -> each side rates once", async () => {
    const matchId = await expressInterest(db, buyer, { myListingId: demandId, otherListingId: supplyId });
    await expect(expressInterest(db, buyer, { myListingId: demandId, otherListingId: supplyId })).rejects.toMatchObject({ status: 409 });
    await expect(advanceMatch(db, buyer, matchId, "accept")).rejects.toMatchObject({ status: 403 });
    await expect(postMessage(db, buyer, matchId, "你好")).rejects.toMatchObject({ status: 409 });
    expect(await advanceMatch(db, seller, matchId, "accept")).toBe("negotiating");

    const first = await postMessage(db, buyer, matchId, "你好，想了解数据更新频率。");
    const second = await postMessage(db, seller, matchId, "每日更新，可按接口调用。");
    expect((await messagesAfter(db, buyer, matchId, null)).map((m) => m.body)).toEqual(["你好，想了解数据更新频率。", "每日更新，可按接口调用。"]);
    expect((await messagesAfter(db, seller, matchId, first.id)).map((m) => m.id)).toEqual([second.id]);
    await expect(postMessage(db, seller, matchId, "x".repeat(5000))).rejects.toMatchObject({ status: 400 });
    // A burst is cut at ten messages per ten seconds per person, counted in the database (every node alike).
    const burst = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => postMessage(db, buyer, matchId, `第 ${i} 条`)));
    const refused = burst.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason);
    expect(refused.length).toBe(12 - (10 - 1));
    expect(refused.every((e) => e.status === 429)).toBe(true);

    expect(await advanceMatch(db, buyer, matchId, "agree")).toBe("negotiating");
    expect(await advanceMatch(db, seller, matchId, "agree")).toBe("agreed");
    const view = await getMatchView(db, seller, matchId);
    expect(view.filing).not.toBeNull();
    await expect(advanceMatch(db, seller, matchId, "decline")).rejects.toMatchObject({ status: 409 });

    await rateCounterpart(db, buyer, matchId, 5, "合作顺利");
    await expect(rateCounterpart(db, buyer, matchId, 1, null)).rejects.toMatchObject({ status: 409 });
    await rateCounterpart(db, seller, matchId, 4, null);
    expect((await getMatchView(db, buyer, matchId)).ratings).toHaveLength(2);
    expect((await myMatches(db, buyer)).map((m) => m.id)).toContain(matchId);

    const actions = (await auditRows(db, matchId)).map((r) => r.action);
    expect(actions).toEqual(["match.interested", "match.accept", "match.agree", "match.agree", "match.rated", "match.rated"]);
  });

  it("the page gets from the model what each side may do at each step, and the model refuses the rest", async () => {
    const supply = await publishListing(db, seller, staff, { title: "冷库温度监测数据", tags: ["冷链"], sectors: ["transport"] });
    const matchId = await expressInterest(db, buyer, { myListingId: demandId, otherListingId: supply });
    const can = async (who: Actor) => (await getMatchView(db, who, matchId)).can;
    expect(await can(buyer)).toEqual({ steps: ["decline"], waitingFor: "answer", message: false, rate: false });
    expect(await can(seller)).toEqual({ steps: ["accept", "decline"], waitingFor: null, message: false, rate: false });
    // The secretariat reads along and is offered nothing.
    expect(await can(staff)).toEqual({ steps: [], waitingFor: null, message: false, rate: false });

    await advanceMatch(db, seller, matchId, "accept");
    expect(await can(buyer)).toEqual({ steps: ["agree", "decline"], waitingFor: null, message: true, rate: false });
    await advanceMatch(db, buyer, matchId, "agree");
    expect(await can(buyer)).toEqual({ steps: ["decline"], waitingFor: "counterpart", message: true, rate: false });
    // Agreeing twice is refused: it would tell the other side again.
    await expect(advanceMatch(db, buyer, matchId, "agree")).rejects.toMatchObject({ status: 409 });
    expect((await auditRows(db, matchId)).filter((r) => r.action === "match.agree")).toHaveLength(1);

    await advanceMatch(db, seller, matchId, "agree");
    expect(await can(seller)).toEqual({ steps: [], waitingFor: null, message: false, rate: true });
  });

  it("a third organisation can neither see nor speak in the deal", async () => {
    const other = await publishListing(db, outsider, staff, { kind: "demand", title: "另一个物流数据需求", tags: ["物流"], sectors: ["transport"] });
    const ownMatch = await expressInterest(db, outsider, { myListingId: other, otherListingId: supplyId });
    await expect(getMatchView(db, buyer, ownMatch)).rejects.toMatchObject({ status: 404 });
    await expect(postMessage(db, buyer, ownMatch, "插话")).rejects.toMatchObject({ status: 404 });
    await expect(advanceMatch(db, buyer, ownMatch, "accept")).rejects.toMatchObject({ status: 404 });
    // The secretariat may look, read-only.
    expect((await getMatchView(db, staff, ownMatch)).side).toBeNull();
  });

  it("the listings offered for interest come best match first with their scores, not newest first", async () => {
    // The buyer's newest demand matches the supply poorly; the older one matches it well.
    const weakDemand = await publishListing(db, buyer, staff, {
      kind: "demand",
      title: "需要医院门诊量统计",
      description: "用于门诊排班的医院就诊人次。",
      tags: ["医疗"],
      scenario: "门诊排班",
      sectors: ["health"],
      regions: ["nansha"],
    });
    const offered = await myCounterListings(db, buyer, "supply", supplyId);
    expect(offered.map((o) => o.id).slice(0, 1)).toEqual([demandId]);
    const scores = offered.map((o) => o.score ?? -1);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const weak = offered.find((o) => o.id === weakDemand)!;
    expect(weak.score ?? 0).toBeLessThan(offered[0].score!);
    // Only approved members get a list, and only of their own listings.
    expect(await myCounterListings(db, null, "supply", supplyId)).toEqual([]);
    expect((await myCounterListings(db, outsider, "supply", supplyId)).map((o) => o.id)).not.toContain(demandId);
  });

  it("interest needs one's own published listing of the other kind", async () => {
    await expect(expressInterest(db, outsider, { myListingId: demandId, otherListingId: supplyId })).rejects.toMatchObject({ status: 403 });
    const mySupply = await publishListing(db, outsider, staff, { title: "同类供给" });
    await expect(expressInterest(db, outsider, { myListingId: mySupply, otherListingId: supplyId })).rejects.toMatchObject({ status: 400 });
  });
});
