import type { Db } from "../index";
import { loadActor } from "../../app/models/accounts/auth.server";
import type { Actor } from "../../app/models/core/permissions";
import { advanceMatch, expressInterest, rateCounterpart } from "../../app/models/marketplace/deals.server";
import { fileDeal } from "../../app/models/trust/filings.server";
import { moveDispute, openDispute } from "../../app/models/trust/disputes.server";
import { askReporter, decideReport, fileReport } from "../../app/models/trust/reports.server";
import { appealModeration } from "../../app/models/trust/moderation.server";
import { refreshAllCredit } from "../../app/models/trust/credit.server";

/**
 * The trust half of the demo: deals at every step of the workflow (some filed with a YS-BA number
 * and rated by both sides), disputes in several states, reports open, asked about and decided,
 * one listing hidden with the owner's appeal waiting, and the credit scores computed from all of it,
 * so the organisations' records differ. Everything goes through the models, as members would do it.
 */

export interface SeedTrustResult {
  deals: number;
  filings: number;
  disputes: number;
  reports: number;
}

async function actorOf(db: Db, email: string): Promise<Actor> {
  const user = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  const actor = await loadActor(db, user.id);
  if (!actor) throw new Error(`demo account ${email} cannot act`);
  return actor;
}

/** A demo organisation's owner, found by the organisation id. */
async function ownerOfOrg(db: Db, orgId: string): Promise<Actor> {
  const row = await db
    .selectFrom("org_members")
    .innerJoin("users", "users.id", "org_members.user_id")
    .select("users.email")
    .where("org_members.org_id", "=", orgId)
    .where("org_members.role", "=", "owner")
    .executeTakeFirstOrThrow();
  return actorOf(db, row.email);
}

interface Pair {
  supplyId: string;
  demandId: string;
  supplyOrg: string;
  demandOrg: string;
}

/** Demand listings paired with a supply listing of another organisation sharing a sector, each organisation pair once. */
async function dealPairs(db: Db, wanted: number): Promise<Pair[]> {
  const rows = await db
    .selectFrom("listings")
    .select(["id", "org_id", "kind", "sectors", "title"])
    .where("status", "=", "published")
    .where("hidden_at", "is", null)
    .orderBy("title")
    .execute();
  const supply = rows.filter((r) => r.kind === "supply");
  const pairs: Pair[] = [];
  const used = new Set<string>();
  for (const d of rows.filter((r) => r.kind === "demand")) {
    for (const s of supply) {
      const key = `${s.org_id}:${d.org_id}`;
      if (s.org_id === d.org_id || used.has(key) || used.has(s.id) || !s.sectors.some((x) => d.sectors.includes(x))) continue;
      used.add(key);
      used.add(s.id);
      pairs.push({ supplyId: s.id, demandId: d.id, supplyOrg: s.org_id, demandOrg: d.org_id });
      break;
    }
    if (pairs.length === wanted) break;
  }
  return pairs;
}

export async function seedTrust(db: Db, staffEmails: { secretariat: string; moderator: string }): Promise<SeedTrustResult> {
  const secretariat = await actorOf(db, staffEmails.secretariat);
  const moderator = await actorOf(db, staffEmails.moderator);
  const pairs = await dealPairs(db, 6);
  const result: SeedTrustResult = { deals: 0, filings: 0, disputes: 0, reports: 0 };

  // Deals: 0-2 agreed, filed and rated; 3 agreed, not yet filed; 4 negotiating; 5 interest shown.
  const deals: { matchId: string; supply: Actor; demand: Actor }[] = [];
  for (const [i, p] of pairs.entries()) {
    const supply = await ownerOfOrg(db, p.supplyOrg);
    const demand = await ownerOfOrg(db, p.demandOrg);
    const matchId = await expressInterest(db, demand, { myListingId: p.demandId, otherListingId: p.supplyId });
    deals.push({ matchId, supply, demand });
    result.deals++;
    if (i >= 5) continue;
    await advanceMatch(db, supply, matchId, "accept");
    if (i >= 4) continue;
    await advanceMatch(db, supply, matchId, "agree");
    await advanceMatch(db, demand, matchId, "agree");
    if (i >= 3) continue;
    await fileDeal(db, demand, {
      matchId,
      amount: [120_000, 48_000, 360_000][i],
      termMonths: [12, 6, 24][i],
      deliveryMode: (["api", "privacy_computing", "dataset"] as const)[i],
      pricingTerms: ["按年订阅，按季度结算", "按调用量计费，每万次 800 元", "一次性交付，含一年更新"][i],
    });
    result.filings++;
    await rateCounterpart(db, demand, matchId, [5, 4, 5][i], ["交付及时，接口文档完整。", "数据质量好，沟通顺畅。", null][i]);
    await rateCounterpart(db, supply, matchId, [5, 3, 4][i], ["需求清晰，付款准时。", "需求变更较多。", null][i]);
  }

  // Disputes: settled after mediation on a filed deal, answered on an agreed one, open on a negotiation.
  const disputeOn = async (d: (typeof deals)[number] | undefined, title: string, claim: string) =>
    d ? openDispute(db, d.demand, { matchId: d.matchId, title, claim }).then((id) => (result.disputes++, id)) : null;
  const settled = await disputeOn(deals[1], "接口可用率未达约定", "合同约定接口月可用率不低于 99.5%，上月实测仅 97.8%，请求按约定减免费用。");
  if (settled && deals[1]) {
    await moveDispute(db, deals[1].supply, settled, { intent: "answer", body: "上月有两次计划内维护已提前通知，扣除后可用率为 99.1%，愿意协商补偿。" });
    await moveDispute(db, secretariat, settled, { intent: "assign", mediator: "secretariat" });
    await moveDispute(db, secretariat, settled, { intent: "decide", outcome: "settled", reason: "双方同意按 99.1% 计算，减免当月费用的 20%。" });
  }
  const answered = await disputeOn(deals[3], "交付数据字段与样例不符", "交付的数据集缺少样例中承诺的区县字段，无法用于分析。");
  if (answered && deals[3]) {
    await moveDispute(db, deals[3].supply, answered, { intent: "answer", body: "区县字段因脱敏要求改为区域编码，已提供对照表。" });
  }
  await disputeOn(deals[4], "报价与挂牌价格不一致", "洽谈中报价高于挂牌时公示的价格区间，请说明依据。");

  // Reports: one open, one with a question to the reporter, one dismissed, one hidden with the owner's appeal waiting.
  const reportable = await db
    .selectFrom("listings")
    .select(["id", "org_id"])
    .where("status", "=", "published")
    .where("kind", "=", "supply")
    .orderBy("title", "desc")
    .limit(4)
    .execute();
  const reporterFor = async (orgId: string) => {
    const other = pairs.find((p) => p.demandOrg !== orgId)?.demandOrg;
    return other ? ownerOfOrg(db, other) : null;
  };
  const texts = [
    ["misleading", "标题称覆盖全市，但样例数据只有两个区的记录。"],
    ["unlawful_source", "数据来源说明不清，疑似包含未经授权采集的个人位置信息。"],
    ["spam", "同一内容重复发布，描述与数据无关。"],
    ["personal_info", "样例文件中可以看到未脱敏的手机号码。"],
  ] as const;
  const reportIds: string[] = [];
  for (const [i, l] of reportable.entries()) {
    const reporter = await reporterFor(l.org_id);
    if (!reporter) continue;
    const [category, description] = texts[i];
    reportIds.push(await fileReport(db, reporter, { targetType: "listing", targetId: l.id, category, description }));
    result.reports++;
  }
  if (reportIds[1]) await askReporter(db, moderator, { reportId: reportIds[1], question: "请补充您看到的具体字段或页面截图。" });
  if (reportIds[2]) await decideReport(db, moderator, { reportId: reportIds[2], decision: "dismiss", reason: "内容与数据产品相关，未发现重复发布。" });
  if (reportIds[3] && reportable[3]) {
    await decideReport(db, moderator, { reportId: reportIds[3], decision: "hide", reason: "样例含未脱敏个人信息，整改前暂不公开。" });
    const action = await db.selectFrom("moderation_actions").select("id").where("report_id", "=", reportIds[3]).executeTakeFirst();
    if (action) {
      const owner = await ownerOfOrg(db, reportable[3].org_id);
      await appealModeration(db, owner, { actionId: action.id, statement: "样例文件已替换为脱敏版本，请复核后恢复展示。" });
    }
  }

  await refreshAllCredit(db);
  return result;
}
