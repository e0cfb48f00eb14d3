import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import type { Actor } from "../app/models/core/permissions";
import { applyForMembership } from "../app/models/accounts/organisations.server";
import { getListing } from "../app/models/marketplace/listings.server";
import { searchListings } from "../app/models/marketplace/listing-search.server";
import { listingQuerySchema } from "../app/models/marketplace/listing-schema";
import { createScenario, getScenario, searchScenarios } from "../app/models/scenarios/scenarios.server";
import { scenarioInputSchema, scenarioQuerySchema } from "../app/models/scenarios/scenario-schema";
import {
  answerModerators,
  askReporter,
  decideReport,
  fileReport,
  moderationQueue,
  myReports,
  reportCan,
  reportsAboutMyOrg,
  tickReportDeadlines,
} from "../app/models/trust/reports.server";
import { reportInputSchema } from "../app/models/trust/report-schema";
import { dbForSuite } from "./helpers/db";
import { application, auditRows, makeApprovedOrg, makeUser } from "./helpers/fixtures";
import { publishListing } from "./helpers/listings";

const report = (targetType: string, targetId: string, category = "misleading") =>
  reportInputSchema.parse({ targetType, targetId, category, description: "数据来源与描述不符，样例数据显示为虚构记录。" });

const status = (p: Promise<unknown>) =>
  p.then(
    () => 200,
    (e: { status?: number }) => e.status ?? 500,
  );

describe("reports and moderation (model)", () => {
  const t = dbForSuite();
  let db: Db;
  let staff: Actor;
  let moderator: Actor;
  let owner: Actor;
  let ownerOrgId: string;
  let ownerColleague: Actor;
  let reporter: Actor;
  let reporterName: string;
  let pendingMember: Actor;

  beforeAll(async () => {
    db = t.db;
    staff = await (await makeUser(db, { role: "secretariat" })).actor();
    moderator = await (await makeUser(db, { role: "moderator" })).actor();
    const o = await makeApprovedOrg(db, staff);
    ownerOrgId = o.orgId;
    owner = await o.owner.actor();
    // A second member of the reported organisation, who hears of decisions.
    const colleague = await makeUser(db);
    await db.insertInto("org_members").values({ org_id: ownerOrgId, user_id: colleague.id, role: "member" }).execute();
    ownerColleague = await colleague.actor();
    const r = await makeApprovedOrg(db, staff, { type: "research" });
    const rep = await makeUser(db, { name: "举报人王五" });
    await db.insertInto("org_members").values({ org_id: r.orgId, user_id: rep.id, role: "member" }).execute();
    reporter = await rep.actor();
    reporterName = reporter.displayName;
    const p = await makeUser(db);
    await applyForMembership(db, await p.actor(), application() as never);
    pendingMember = await p.actor();
  });

  it("any member of an approved organisation may report; visitors, pending organisations and the owner may not", async () => {
    const listingId = await publishListing(db, owner, staff, { title: "被举报的数据集一" });
    expect(reportCan(reporter, ownerOrgId)).toBe(true);
    expect(reportCan(owner, ownerOrgId)).toBe(false);
    expect(reportCan(null, ownerOrgId)).toBe(false);
    expect(await status(fileReport(db, null, report("listing", listingId)))).toBe(403);
    expect(await status(fileReport(db, pendingMember, report("listing", listingId)))).toBe(403);
    expect(await status(fileReport(db, owner, report("listing", listingId)))).toBe(400);
    const id = await fileReport(db, reporter, report("listing", listingId));
    expect((await myReports(db, reporter)).map((r) => r.id)).toContain(id);
    // One open report per target and reporter: the unique index answers the second with a 409.
    expect(await status(fileReport(db, reporter, report("listing", listingId, "spam")))).toBe(409);
    // A target the reporter cannot see is not found, as on its own page.
    expect(await status(fileReport(db, reporter, report("listing", "00000000-0000-4000-8000-000000000000")))).toBe(404);
    expect((await auditRows(db, id)).map((a) => a.action)).toEqual(["report.filed"]);
  });

  it("only moderators and the secretariat see the queue, with who reported", async () => {
    const listingId = await publishListing(db, owner, staff, { title: "被举报的数据集二" });
    const id = await fileReport(db, reporter, report("listing", listingId));
    expect(await status(moderationQueue(db, reporter, { status: "open" }))).toBe(403);
    expect(await status(moderationQueue(db, owner, { status: "open" }))).toBe(403);
    expect(await status(moderationQueue(db, null, { status: "open" }))).toBe(403);
    for (const staffer of [moderator, staff]) {
      const queued = (await moderationQueue(db, staffer, { status: "open" })).find((r) => r.id === id)!;
      expect(queued.reporter_name).toBe(reporterName);
      expect(queued.decisions).toEqual(["dismiss", "warn", "hide", "suspend_listing", "suspend_org"]);
    }
    expect(await status(decideReport(db, reporter, { reportId: id, decision: "dismiss", reason: "无依据" }))).toBe(403);
  });

  it("hiding a listing takes it out of public reads (its page, browse, search); the owner sees why", async () => {
    const listingId = await publishListing(db, owner, staff, { title: "港口吞吐量隐藏测试数据" });
    const query = listingQuerySchema.parse({ q: "港口吞吐量隐藏测试" });
    expect((await searchListings(db, query)).hits.map((h) => h.id)).toContain(listingId);
    const id = await fileReport(db, reporter, report("listing", listingId));
    await decideReport(db, moderator, { reportId: id, decision: "hide", reason: "样例数据为虚构" });
    expect(await status(getListing(db, null, listingId))).toBe(404);
    expect(await status(getListing(db, reporter, listingId))).toBe(404);
    expect((await searchListings(db, query)).hits.map((h) => h.id)).not.toContain(listingId);
    expect((await searchListings(db, listingQuerySchema.parse({}))).hits.map((h) => h.id)).not.toContain(listingId);
    const own = await getListing(db, owner, listingId);
    expect(own.status).toBe("draft");
    expect(own.reviewNotes).toBe("样例数据为虚构");
    // Audited twice over: the decision, and the listing's own status change.
    expect((await auditRows(db, id)).map((a) => a.action)).toEqual(["report.filed", "report.decided"]);
    expect((await auditRows(db, listingId)).map((a) => a.action)).toContain("listing.draft");
    // Decided once: a second decision is a conflict.
    expect(await status(decideReport(db, staff, { reportId: id, decision: "dismiss", reason: "重复处理" }))).toBe(409);
  });

  it("suspending a listing closes it; a decision that does not fit the target is refused", async () => {
    const listingId = await publishListing(db, owner, staff, { title: "暂停测试数据集" });
    const id = await fileReport(db, reporter, report("listing", listingId, "unlawful_source"));
    await decideReport(db, staff, { reportId: id, decision: "suspend_listing", reason: "来源不合法" });
    expect((await getListing(db, owner, listingId)).status).toBe("closed");
    expect(await status(getListing(db, null, listingId))).toBe(404);

    const orgReport = await fileReport(db, reporter, report("organisation", ownerOrgId));
    expect(await status(decideReport(db, moderator, { reportId: orgReport, decision: "suspend_listing", reason: "不适用" }))).toBe(400);
  });

  it("hiding a scenario takes it out of its page and the scenario search for everyone but its publisher and the moderators", async () => {
    const scenarioId = await createScenario(
      db,
      owner,
      scenarioInputSchema.parse({
        title: "冷链物流温控隐藏测试场景",
        sector: "transport",
        region: "nansha",
        problem: "冷链运输温度记录缺失，需要结合传感器数据追溯。",
        dataDescription: "温度传感器数据",
        deliveryModes: ["api"],
        results: [],
        imageUrls: [],
      }),
    );
    const q = scenarioQuerySchema.parse({ q: "冷链物流温控隐藏测试" });
    expect((await searchScenarios(db, q)).hits.map((h) => h.id)).toContain(scenarioId);
    const id = await fileReport(db, reporter, report("scenario", scenarioId, "infringement"));
    await decideReport(db, moderator, { reportId: id, decision: "hide", reason: "使用他人图片" });
    expect(await status(getScenario(db, null, scenarioId))).toBe(404);
    expect(await status(getScenario(db, reporter, scenarioId))).toBe(404);
    expect((await searchScenarios(db, q)).hits.map((h) => h.id)).not.toContain(scenarioId);
    expect((await getScenario(db, owner, scenarioId)).id).toBe(scenarioId);
    expect((await getScenario(db, moderator, scenarioId)).id).toBe(scenarioId);
    expect((await auditRows(db, scenarioId)).map((a) => a.action)).toContain("moderation.hidden");
  });

  it("the reported organisation learns the decision, never who reported: not on its page, not in its notifications", async () => {
    const listingId = await publishListing(db, owner, staff, { title: "匿名性测试数据集" });
    const id = await fileReport(db, reporter, report("listing", listingId, "personal_info"));
    // Before a decision, the reported side sees nothing at all.
    expect((await reportsAboutMyOrg(db, owner)).map((r) => r.id)).not.toContain(id);
    await decideReport(db, moderator, { reportId: id, decision: "warn", reason: "请删除个人手机号" });

    const seen = (await reportsAboutMyOrg(db, ownerColleague)).find((r) => r.id === id)!;
    expect(seen.decision).toBe("warn");
    expect(seen.decision_reason).toBe("请删除个人手机号");
    const exposed = JSON.stringify(seen);
    for (const secret of [reporter.id, reporter.org!.id, reporterName, reporter.org!.nameZh, reporter.email, "虚构记录"]) expect(exposed).not.toContain(secret);

    const notices = await db.selectFrom("notifications").select(["user_id", "kind", "payload"]).where("kind", "like", "report.%").execute();
    const mine = notices.filter((n) => (n.payload as { reportId?: string }).reportId === id);
    expect(mine.filter((n) => n.user_id === reporter.id).map((n) => n.kind)).toEqual(["report.decided"]);
    const toReported = mine.filter((n) => n.kind === "report.against");
    expect(toReported.map((n) => n.user_id).sort()).toEqual([owner.id, ownerColleague.id].sort());
    for (const n of toReported) {
      const payload = JSON.stringify(n.payload);
      for (const secret of [reporter.id, reporter.org!.id, reporterName, reporter.org!.nameZh, reporter.email]) expect(payload).not.toContain(secret);
    }
  });

  it("a moderator asks the reporter for more information; only the reporter answers, once per question, and the queue shows it", async () => {
    const listingId = await publishListing(db, owner, staff, { title: "补充材料测试数据集" });
    const id = await fileReport(db, reporter, report("listing", listingId));
    expect(await status(askReporter(db, reporter, { reportId: id, question: "请提供截图" }))).toBe(403);
    await askReporter(db, moderator, { reportId: id, question: "请提供样例截图" });
    expect(await status(askReporter(db, staff, { reportId: id, question: "再问一次" }))).toBe(409);
    const mine = (await myReports(db, reporter)).find((r) => r.id === id)!;
    expect(mine.info_request).toBe("请提供样例截图");
    expect(mine.can.reply).toBe(true);
    const told = await db.selectFrom("notifications").select(["user_id", "payload"]).where("kind", "=", "report.info_requested").execute();
    expect(told.filter((n) => (n.payload as { reportId: string }).reportId === id).map((n) => n.user_id)).toEqual([reporter.id]);
    // The reported side cannot answer (nor learn that the report exists).
    expect(await status(answerModerators(db, owner, { reportId: id, statement: "这是所有者的回答" }))).toBe(404);
    await answerModerators(db, reporter, { reportId: id, statement: "截图见附件说明，第3行为虚构。" });
    expect(await status(answerModerators(db, reporter, { reportId: id, statement: "再补充一次内容" }))).toBe(409);
    const queued = (await moderationQueue(db, moderator, { status: "open" })).find((r) => r.id === id)!;
    expect(queued.info_reply).toBe("截图见附件说明，第3行为虚构。");
    expect(queued.can.askForInfo).toBe(true);
    expect((await auditRows(db, id)).map((a) => a.action)).toEqual(["report.filed", "report.info_requested", "report.info_added"]);
  });

  it("the queue sorts by due date; the deadline job reminds moderators a day before and marks overdue reports once", async () => {
    const a = await fileReport(db, reporter, report("listing", await publishListing(db, owner, staff, { title: "到期测试数据集甲" })));
    const b = await fileReport(db, reporter, report("listing", await publishListing(db, owner, staff, { title: "到期测试数据集乙" })));
    const now = new Date();
    const hours = (h: number) => new Date(now.getTime() + h * 3_600_000);
    // a: due in 12 hours (remind); b: due 2 hours ago (overdue).
    await db
      .updateTable("reports")
      .set({ due_at: hours(12) })
      .where("id", "=", a)
      .execute();
    await db
      .updateTable("reports")
      .set({ due_at: hours(-2) })
      .where("id", "=", b)
      .execute();
    const queue = await moderationQueue(db, moderator, { status: "open" });
    const order = queue.map((r) => r.id);
    expect(order.indexOf(b)).toBeLessThan(order.indexOf(a));
    expect(queue.find((r) => r.id === b)!.overdue).toBe(true);
    expect(queue.find((r) => r.id === a)!.overdue).toBe(false);

    const first = await tickReportDeadlines(db, now);
    expect(first.reminded).toBeGreaterThanOrEqual(1);
    expect(first.overdue).toBeGreaterThanOrEqual(1);
    expect(await tickReportDeadlines(db, now)).toEqual({ reminded: 0, overdue: 0 });
    const notes = await db
      .selectFrom("notifications")
      .select(["user_id", "kind", "payload"])
      .where("kind", "in", ["report.due_soon", "report.overdue"])
      .execute();
    const about = (title: string, kind: string) =>
      notes.filter((n) => n.kind === kind && (n.payload as { title: string }).title === title).map((n) => n.user_id);
    expect(about("到期测试数据集甲", "report.due_soon")).toEqual(expect.arrayContaining([moderator.id, staff.id]));
    expect(about("到期测试数据集乙", "report.overdue")).toEqual(expect.arrayContaining([moderator.id, staff.id]));
    expect(about("到期测试数据集乙", "report.overdue")).not.toContain(reporter.id);
  });
});
