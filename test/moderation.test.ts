import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import type { Actor } from "../app/models/core/permissions";
import { changeListingStatus, createListing, getListing, listingCan } from "../app/models/marketplace/listings.server";
import { searchListings } from "../app/models/marketplace/listing-search.server";
import { listingQuerySchema } from "../app/models/marketplace/listing-schema";
import { findMatches, storedMatches } from "../app/models/marketplace/matching.server";
import { searchEverything } from "../app/models/search/everything.server";
import { getProfile } from "../app/models/directory/profiles.server";
import { getOrganisation } from "../app/models/accounts/organisations.server";
import { groupMessagesBefore, postGroupMessage } from "../app/models/standards/group-channel.server";
import { decideReport, fileReport, reportsAboutMyOrg } from "../app/models/trust/reports.server";
import { reportInputSchema } from "../app/models/trust/report-schema";
import {
  appealModeration,
  decideAppeal,
  moderate,
  moderationActions,
  moderationOfMine,
  openAppealCount,
  restoreModerated,
} from "../app/models/trust/moderation.server";
import { dbForSuite } from "./helpers/db";
import { auditRows, makeApprovedOrg, makeUser } from "./helpers/fixtures";
import { listingInput, publishListing } from "./helpers/listings";
import { makeGroup } from "./helpers/collab";
import { createScenario, getScenario } from "../app/models/scenarios/scenarios.server";
import { editionInputSchema, scenarioInputSchema } from "../app/models/scenarios/scenario-schema";
import { createEdition, getEditionByYear, setCatalogEntry } from "../app/models/scenarios/catalog.server";

const status = (p: Promise<unknown>) =>
  p.then(
    () => 200,
    (e: { status?: number }) => e.status ?? 500,
  );

const report = (targetType: string, targetId: string) =>
  reportInputSchema.parse({ targetType, targetId, category: "misleading", description: "描述与样例数据不符，存在误导。" });

describe("moderation: hide, restore, appeal, suspend (model)", () => {
  const t = dbForSuite();
  let db: Db;
  let staff: Actor;
  let moderator: Actor;
  let owner: Actor;
  let reporter: Actor;
  let bystander: Actor;

  beforeAll(async () => {
    db = t.db;
    staff = await (await makeUser(db, { role: "secretariat" })).actor();
    moderator = await (await makeUser(db, { role: "moderator" })).actor();
    const o = await makeApprovedOrg(db, staff, { type: "enterprise" });
    owner = await o.owner.actor();
    const r = await makeApprovedOrg(db, staff, { type: "research" });
    reporter = await r.owner.actor();
    bystander = await (await makeApprovedOrg(db, staff, { type: "university" })).owner.actor();
  });

  const ids = (hits: { id: string }[]) => hits.map((h) => h.id);

  it("a hidden listing leaves its page, listing search, site search, matching and the stored match lists; restoring brings it all back", async () => {
    const supplyId = await publishListing(db, owner, staff, {
      title: "冷库温湿度监测隐藏测试数据",
      description: "冷库温湿度传感器分钟级监测记录，覆盖南沙冷链仓库。",
      tags: ["冷链", "温湿度"],
      sectors: ["transport"],
    });
    const demandId = await publishListing(db, reporter, staff, {
      kind: "demand",
      title: "求购冷库温湿度监测数据",
      description: "需要冷库温湿度传感器分钟级监测记录，用于南沙冷链仓库保险定价。",
      tags: ["冷链", "温湿度"],
      sectors: ["transport"],
    });
    const q = listingQuerySchema.parse({ q: "冷库温湿度监测隐藏测试" });
    const visible = async () => ({
      search: ids((await searchListings(db, q)).hits).includes(supplyId),
      site: ids((await searchEverything(db, null, "冷库温湿度监测隐藏测试")).find((g) => g.kind === "listing")!.hits).includes(supplyId),
      page: (await status(getListing(db, bystander, supplyId))) === 200,
      candidates: (await findMatches(db, demandId)).map((m) => m.listingId).includes(supplyId),
      stored: (await storedMatches(db, demandId)).map((m) => m.listingId).includes(supplyId),
    });
    const all = { search: true, site: true, page: true, candidates: true, stored: true };
    const none = { search: false, site: false, page: false, candidates: false, stored: false };
    expect(await visible()).toEqual(all);

    const reportId = await fileReport(db, reporter, report("listing", supplyId));
    await decideReport(db, moderator, { reportId, decision: "hide", reason: "样例数据为虚构" });
    expect(await visible()).toEqual(none);
    // The stored list row itself is gone, not only filtered at read time.
    const rows = await db.selectFrom("match_candidates").select("supply_id").where("supply_id", "=", supplyId).execute();
    expect(rows).toEqual([]);

    // The owner still sees it, with the reason, and cannot send it back to review by themselves.
    const own = await getListing(db, owner, supplyId);
    expect(own.hiddenReason).toBe("样例数据为虚构");
    expect(listingCan(own, owner).moves).not.toContain("pending_review");
    expect(await status(changeListingStatus(db, owner, supplyId, "pending_review"))).toBe(409);
    expect((await getListing(db, bystander, demandId)).hiddenReason).toBeNull();

    const [action] = (await moderationActions(db, moderator, { view: "hidden" })).filter((a) => a.target_id === supplyId);
    expect(action.reason).toBe("样例数据为虚构");
    expect(action.can.restore).toBe(true);
    await restoreModerated(db, staff, { actionId: action.id, reason: "已核实样例真实" });
    expect(await visible()).toEqual(all);
    expect((await getListing(db, owner, supplyId)).hiddenReason).toBeNull();
    const audit = (await auditRows(db, supplyId)).map((a) => a.action);
    expect(audit).toEqual(expect.arrayContaining(["moderation.hidden", "listing.draft", "moderation.restored", "listing.published"]));
    expect(await status(restoreModerated(db, staff, { actionId: action.id, reason: "再次恢复" }))).toBe(409);
  });

  it("only moderators and the secretariat hide, restore and read the moderation lists", async () => {
    const listingId = await publishListing(db, owner, staff, { title: "权限测试数据集" });
    const input = { targetType: "listing" as const, targetId: listingId, kind: "hide" as const, reason: "测试隐藏" };
    for (const who of [null, owner, reporter, bystander]) {
      expect(await status(moderate(db, who, input))).toBe(403);
      expect(await status(moderationActions(db, who, { view: "hidden" }))).toBe(403);
    }
    const actionId = await moderate(db, moderator, input);
    expect(await status(moderate(db, staff, input))).toBe(409);
    for (const who of [null, owner, reporter]) expect(await status(restoreModerated(db, who, { actionId, reason: "恢复" }))).toBe(403);
    for (const who of [owner, reporter]) expect(await status(decideAppeal(db, who, { actionId, outcome: "restored", reason: "恢复" }))).toBe(403);
    expect(await openAppealCount(db, owner)).toBe(0);
  });

  it("the owner is told with the reason, appeals once (a second appeal is a 409), and a moderator restores; nobody else may appeal", async () => {
    const listingId = await publishListing(db, owner, staff, { title: "申诉测试数据集" });
    const reportId = await fileReport(db, reporter, report("listing", listingId));
    await decideReport(db, moderator, { reportId, decision: "hide", reason: "标题夸大" });
    const notices = await db.selectFrom("notifications").select(["user_id", "kind", "payload"]).where("kind", "like", "moderation.%").execute();
    const hidden = notices.filter((n) => n.kind === "moderation.hidden" && (n.payload as { title?: string }).title === "申诉测试数据集");
    expect(hidden.map((n) => n.user_id)).toEqual([owner.id]);
    expect((hidden[0].payload as { reason: string }).reason).toBe("标题夸大");
    // The owner's page and notices never name the reporter.
    const exposed = JSON.stringify([hidden, await moderationOfMine(db, owner), await reportsAboutMyOrg(db, owner)]);
    for (const secret of [reporter.id, reporter.email, reporter.displayName, reporter.org!.id, reporter.org!.nameZh]) expect(exposed).not.toContain(secret);

    const mine = (await moderationOfMine(db, owner)).find((m) => m.target_id === listingId)!;
    expect(mine.can.appeal).toBe(true);
    expect(await status(appealModeration(db, reporter, { actionId: mine.id, statement: "我不是所有者但想申诉。" }))).toBe(404);
    expect(await status(appealModeration(db, null, { actionId: mine.id, statement: "匿名申诉试试看。" }))).toBe(403);
    await appealModeration(db, owner, { actionId: mine.id, statement: "标题已按要求修改，请恢复。" });
    expect(await status(appealModeration(db, owner, { actionId: mine.id, statement: "再申诉一次，请恢复。" }))).toBe(409);
    expect((await moderationOfMine(db, owner)).find((m) => m.id === mine.id)!.can.appeal).toBe(false);

    const appeals = await moderationActions(db, moderator, { view: "appeals" });
    const queued = appeals.find((a) => a.id === mine.id)!;
    expect(queued.appeal_statement).toBe("标题已按要求修改，请恢复。");
    expect(queued.can.decideAppeal).toBe(true);
    expect(await openAppealCount(db, moderator)).toBeGreaterThan(0);
    const toModerators = await db.selectFrom("notifications").select("user_id").where("kind", "=", "moderation.appealed").execute();
    expect(toModerators.map((n) => n.user_id)).toEqual(expect.arrayContaining([moderator.id, staff.id]));

    await decideAppeal(db, moderator, { actionId: mine.id, outcome: "restored", reason: "修改后符合要求" });
    expect((await getListing(db, bystander, listingId)).status).toBe("published");
    expect(await status(decideAppeal(db, moderator, { actionId: mine.id, outcome: "upheld", reason: "再次处理" }))).toBe(409);
    const restoredNote = await db
      .selectFrom("notifications")
      .select(["user_id", "payload"])
      .where("kind", "=", "moderation.restored")
      .where("user_id", "=", owner.id)
      .execute();
    expect(restoredNote.map((n) => (n.payload as { reason: string }).reason)).toContain("修改后符合要求");
  });

  it("an upheld appeal keeps the content hidden and tells the owner", async () => {
    const listingId = await publishListing(db, owner, staff, { title: "维持隐藏测试数据集" });
    const actionId = await moderate(db, moderator, { targetType: "listing", targetId: listingId, kind: "hide", reason: "来源不明" });
    await appealModeration(db, owner, { actionId, statement: "数据来源于公开年报。" });
    await decideAppeal(db, staff, { actionId, outcome: "upheld", reason: "年报不含此类明细" });
    expect(await status(getListing(db, bystander, listingId))).toBe(404);
    const mine = (await moderationOfMine(db, owner)).find((m) => m.id === actionId)!;
    expect(mine.appeal_outcome).toBe("upheld");
    expect(mine.appeal_reason).toBe("年报不含此类明细");
    expect(mine.can.appeal).toBe(false);
    const told = await db.selectFrom("notifications").select("payload").where("kind", "=", "moderation.upheld").where("user_id", "=", owner.id).execute();
    expect(told).toHaveLength(1);
  });

  it("a suspended organisation leaves public reads and its members cannot post; restoring brings its listings back", async () => {
    const o = await makeApprovedOrg(db, staff, { type: "enterprise" });
    const member = await o.owner.actor();
    const listingId = await publishListing(db, member, staff, { title: "暂停机构测试数据集" });
    const actionId = await moderate(db, moderator, { targetType: "organisation", targetId: o.orgId, kind: "suspend_org", reason: "多次发布虚假信息" });
    expect(await status(getListing(db, bystander, listingId))).toBe(404);
    expect(await status(getProfile(db, bystander, o.orgId))).toBe(404);
    expect(await status(getOrganisation(db, null, o.orgId))).toBe(404);
    expect((await getOrganisation(db, member, o.orgId)).moderation).toEqual({ suspended: true, reason: "多次发布虚假信息" });
    // The actor is read afresh, as on the next request: the suspension is in it.
    const suspended = await o.owner.actor();
    expect(await status(createListing(db, suspended, listingInput({ title: "暂停后发布" })))).toBe(403);
    const target = await publishListing(db, bystander, staff, { title: "暂停后举报目标" });
    expect(await status(fileReport(db, suspended, report("listing", target)))).toBe(403);
    // The owner may still appeal, as a member of the suspended organisation.
    await appealModeration(db, suspended, { actionId, statement: "我们已整改，请恢复机构。" });
    await restoreModerated(db, staff, { actionId, reason: "整改完成" });
    expect((await getListing(db, bystander, listingId)).status).toBe("published");
    expect((await getProfile(db, bystander, o.orgId)).orgId).toBe(o.orgId);
    expect(await status(createListing(db, await o.owner.actor(), listingInput({ title: "恢复后发布" })))).toBe(200);
    expect((await auditRows(db, o.orgId)).map((a) => a.action)).toEqual(expect.arrayContaining(["moderation.suspended", "moderation.restored"]));
  });

  it("a listing hidden on its own stays hidden when its organisation's suspension ends", async () => {
    const o = await makeApprovedOrg(db, staff, { type: "enterprise" });
    const member = await o.owner.actor();
    const own = await publishListing(db, member, staff, { title: "单独隐藏的数据集" });
    const other = await publishListing(db, member, staff, { title: "随机构恢复的数据集" });
    await moderate(db, moderator, { targetType: "listing", targetId: own, kind: "hide", reason: "单独处理" });
    const suspension = await moderate(db, moderator, { targetType: "organisation", targetId: o.orgId, kind: "suspend_org", reason: "暂停" });
    await restoreModerated(db, moderator, { actionId: suspension, reason: "恢复机构" });
    expect(await status(getListing(db, bystander, own))).toBe(404);
    expect(await status(getListing(db, bystander, other))).toBe(200);
  });

  it("a hidden profile leaves the profile page and the site search; a hidden channel message is delivered without its text until restored", async () => {
    const o = await makeApprovedOrg(db, staff, { type: "enterprise", nameZh: "隐藏档案测试科技有限公司" });
    const member = await o.owner.actor();
    const found = async () => ids((await searchEverything(db, null, "隐藏档案测试科技")).find((g) => g.kind === "organisation")!.hits);
    expect(await found()).toContain(o.orgId);
    const actionId = await moderate(db, moderator, { targetType: "profile", targetId: o.orgId, kind: "hide", reason: "档案信息不实" });
    expect(await status(getProfile(db, bystander, o.orgId))).toBe(404);
    expect(await found()).not.toContain(o.orgId);
    expect((await getProfile(db, member, o.orgId)).orgId).toBe(o.orgId);
    await restoreModerated(db, moderator, { actionId, reason: "已更正" });
    expect(await found()).toContain(o.orgId);

    const { groupId, convenor, members } = await makeGroup(db, ["member"]);
    const author = await members[0].actor();
    const msg = await postGroupMessage(db, author, groupId, "请大家联系我 13800000000 获取样例");
    const messageAction = await moderate(db, moderator, { targetType: "group_message", targetId: msg.id, kind: "hide", reason: "含个人手机号" });
    const read = async () => (await groupMessagesBefore(db, await convenor.actor(), groupId, null)).messages.find((m) => m.id === msg.id)!;
    expect(await read()).toMatchObject({ hidden: true, body: "" });
    // The author is the owner: told, and may appeal.
    expect((await moderationOfMine(db, author)).map((m) => m.id)).toContain(messageAction);
    expect(await status(appealModeration(db, await convenor.actor(), { actionId: messageAction, statement: "这不是我的消息但想申诉。" }))).toBe(404);
    await restoreModerated(db, moderator, { actionId: messageAction, reason: "号码为公司总机" });
    expect(await read()).toMatchObject({ hidden: false, body: "请大家联系我 13800000000 获取样例" });
  });

  it("a hidden scenario leaves its page and the catalog (the page and its CSV read the same entries) until restored", async () => {
    const scenarioId = await createScenario(
      db,
      owner,
      scenarioInputSchema.parse({
        title: "港口集装箱隐藏目录测试场景",
        sector: "transport",
        region: "nansha",
        problem: "港口集装箱堆场调度缺少实时数据，需要结合闸口记录优化。",
        dataDescription: "闸口过车记录",
        deliveryModes: ["api"],
        results: [],
        imageUrls: [],
      }),
    );
    const editionId = await createEdition(db, staff, editionInputSchema.parse({ year: 2027, title: "2027 年推荐目录（测试）" }));
    await setCatalogEntry(db, staff, editionId, scenarioId, false);
    const inCatalog = async () => (await getEditionByYear(db, staff, 2027)).entries.map((e) => e.title).includes("港口集装箱隐藏目录测试场景");
    expect(await inCatalog()).toBe(true);
    const actionId = await moderate(db, moderator, { targetType: "scenario", targetId: scenarioId, kind: "hide", reason: "使用了未授权图片" });
    expect(await inCatalog()).toBe(false);
    expect(await status(getScenario(db, bystander, scenarioId))).toBe(404);
    expect((await moderationOfMine(db, owner)).map((m) => m.id)).toContain(actionId);
    await restoreModerated(db, moderator, { actionId, reason: "已替换图片" });
    expect(await inCatalog()).toBe(true);
    expect((await getScenario(db, bystander, scenarioId)).id).toBe(scenarioId);
  });
});
