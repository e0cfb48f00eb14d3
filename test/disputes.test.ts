import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import type { Actor } from "../app/models/core/permissions";
import { advanceMatch, expressInterest, getMatchView } from "../app/models/marketplace/deals.server";
import {
  ANSWER_DAYS,
  REMINDER_LEAD_MS,
  disputeCan,
  disputeFactsFor,
  disputesOfMatch,
  getDispute,
  listDisputes,
  moveDispute,
  openDispute,
  runDisputeDeadlines,
} from "../app/models/trust/disputes.server";
import { disputeMoveSchema, openDisputeSchema } from "../app/models/trust/dispute-schema";
import { dbForSuite } from "./helpers/db";
import { auditRows, makeApprovedOrg, makeUser } from "./helpers/fixtures";
import { publishListing } from "./helpers/listings";
import { recordingRealtime } from "./helpers/realtime";

const status = (p: Promise<unknown>) =>
  p.then(
    () => 200,
    (e: { status?: number }) => e.status ?? 500,
  );
const move = (v: Record<string, unknown>) => disputeMoveSchema.parse(v);
const DAY = 86_400_000;

describe("disputes on deals (model)", () => {
  const t = dbForSuite();
  let db: Db;
  let staff: Actor;
  let seller: Actor;
  let sellerColleague: Actor;
  let buyer: Actor;
  let stranger: Actor;
  let mediator: Actor;
  let mediatorOrgId: string;
  let otherMediator: Actor;
  let plainProvider: Actor;
  let plainProviderOrgId: string;
  let n = 0;

  /** A fresh deal between seller (supply) and buyer (demand), negotiating (or agreed). */
  async function deal(agreed = false): Promise<string> {
    n++;
    const supplyId = await publishListing(db, seller, staff, { title: `争议测试数据集${n}`, sectors: ["transport"], tags: ["争议"] });
    const demandId = await publishListing(db, buyer, staff, { kind: "demand", title: `争议测试需求${n}`, sectors: ["transport"], tags: ["争议"] });
    const matchId = await expressInterest(db, buyer, { myListingId: demandId, otherListingId: supplyId });
    await advanceMatch(db, seller, matchId, "accept");
    if (agreed) {
      await advanceMatch(db, seller, matchId, "agree");
      await advanceMatch(db, buyer, matchId, "agree");
    }
    return matchId;
  }

  const opening = (matchId: string, title = "交付数据与约定不符") =>
    openDisputeSchema.parse({ matchId, title, claim: "交付的数据缺少约定的字段，且更新频率低于合同约定。" });

  async function provider(serviceTypes: string[]) {
    const o = await makeApprovedOrg(db, staff, { type: "service_provider" });
    await sql`insert into org_profiles (org_id, service_types) values (${o.orgId}, ${sql.val(serviceTypes)})`.execute(db);
    return { orgId: o.orgId, actor: await o.owner.actor() };
  }

  beforeAll(async () => {
    db = t.db;
    staff = await (await makeUser(db, { role: "secretariat" })).actor();
    const s = await makeApprovedOrg(db, staff);
    seller = await s.owner.actor();
    const colleague = await makeUser(db);
    await db.insertInto("org_members").values({ org_id: s.orgId, user_id: colleague.id, role: "member" }).execute();
    sellerColleague = await colleague.actor();
    buyer = await (await makeApprovedOrg(db, staff, { type: "user" })).owner.actor();
    stranger = await (await makeApprovedOrg(db, staff)).owner.actor();
    const m = await provider(["dispute_resolution", "compliance"]);
    mediator = m.actor;
    mediatorOrgId = m.orgId;
    otherMediator = (await provider(["dispute_resolution"])).actor;
    const p = await provider(["compliance"]);
    plainProvider = p.actor;
    plainProviderOrgId = p.orgId;
  });

  it("either party of a negotiating or agreed deal opens a dispute; nobody else can, and one at a time", async () => {
    const matchId = await deal();
    const view = await getMatchView(db, buyer, matchId);
    expect((await disputesOfMatch(db, buyer, view)).canOpen).toBe(true);
    expect(await status(openDispute(db, stranger, opening(matchId)))).toBe(404);
    expect(await status(openDispute(db, mediator, opening(matchId)))).toBe(404);
    expect(await status(openDispute(db, null, opening(matchId)))).toBe(403);
    expect(await status(openDispute(db, staff, opening(matchId)))).toBe(403);
    const { sent, realtime } = recordingRealtime();
    const id = await openDispute(db, buyer, opening(matchId), [], realtime);
    // The respondent's members and the secretariat hear of it.
    expect(sent.filter((s) => s.userId === seller.id).map((s) => (s.data as { kind: string }).kind)).toEqual(["dispute.opened"]);
    expect(sent.filter((s) => s.userId === staff.id).map((s) => (s.data as { kind: string }).kind)).toEqual(["dispute.toAssign"]);
    // One dispute in progress per deal: the partial unique index answers the second (from either side).
    expect(await status(openDispute(db, seller, opening(matchId)))).toBe(409);
    expect((await disputesOfMatch(db, buyer, await getMatchView(db, buyer, matchId))).canOpen).toBe(false);
    const d = await getDispute(db, buyer, id);
    expect(d).toMatchObject({ status: "open", role: "claimant", timeline: [{ kind: "claim", role: "claimant" }] });
    expect(d.answerDueAt.getTime() - Date.now()).toBeGreaterThan((ANSWER_DAYS - 1) * DAY);
    expect((await auditRows(db, id)).map((a) => a.action)).toEqual(["dispute.opened"]);

    // An agreed deal can be disputed too; a declined one cannot.
    expect(await openDispute(db, seller, opening(await deal(true)))).toMatch(/^[0-9a-f-]{36}$/);
    const declined = await deal();
    await advanceMatch(db, buyer, declined, "decline");
    expect(await status(openDispute(db, buyer, opening(declined)))).toBe(409);
  });

  it("parties see their own disputes, the assigned mediator only those assigned, the secretariat all; anyone else a 404", async () => {
    const id = await openDispute(db, buyer, opening(await deal()));
    for (const reader of [stranger, mediator, otherMediator, plainProvider]) expect(await status(getDispute(db, reader, id)), reader.displayName).toBe(404);
    expect(await status(getDispute(db, null, id))).toBe(403);
    expect((await getDispute(db, seller, id)).role).toBe("respondent");
    expect((await getDispute(db, sellerColleague, id)).role).toBe("respondent");
    expect((await getDispute(db, staff, id)).role).toBe("secretariat");
    expect((await listDisputes(db, stranger)).items.map((d) => d.id)).not.toContain(id);
    expect((await listDisputes(db, mediator)).items.map((d) => d.id)).not.toContain(id);
    expect((await listDisputes(db, seller)).items.map((d) => d.id)).toContain(id);
    expect((await listDisputes(db, staff)).items.find((d) => d.id === id)).toMatchObject({ awaitingMediator: true });

    await moveDispute(db, staff, id, move({ intent: "assign", mediator: mediatorOrgId }));
    expect((await getDispute(db, mediator, id)).role).toBe("mediator");
    expect((await listDisputes(db, mediator)).items.map((d) => d.id)).toContain(id);
    // Another dispute-resolution provider, not assigned, still sees nothing.
    expect(await status(getDispute(db, otherMediator, id))).toBe(404);
    expect((await listDisputes(db, otherMediator)).items.map((d) => d.id)).not.toContain(id);
    // Only a dispute-resolution provider that is not a party can be assigned.
    expect(await status(moveDispute(db, staff, id, move({ intent: "assign", mediator: plainProviderOrgId })))).toBe(400);
    expect(await status(moveDispute(db, staff, id, move({ intent: "assign", mediator: seller.org!.id })))).toBe(400);
    expect(await status(moveDispute(db, seller, id, move({ intent: "assign", mediator: "secretariat" })))).toBe(403);
    expect(await status(moveDispute(db, mediator, id, move({ intent: "assign", mediator: "secretariat" })))).toBe(403);
  });

  it("open -> answered -> mediating -> upheld, each move by its party only; illegal ones are 409", async () => {
    const id = await openDispute(db, buyer, opening(await deal()));
    const { sent, realtime } = recordingRealtime();
    // Before an answer: the claimant cannot answer (403), nobody can decide (409 for the mediator-to-be later).
    expect(await status(moveDispute(db, buyer, id, move({ intent: "answer", body: "我方自己答复" })))).toBe(403);
    expect(await status(moveDispute(db, stranger, id, move({ intent: "answer", body: "无关方答复" })))).toBe(404);
    expect(await status(moveDispute(db, buyer, id, move({ intent: "statement", body: "补充说明" })))).toBe(409);
    expect(disputeCan("open", "respondent", false)).toEqual({ answer: true, statement: false, note: false, assign: false, decide: [] });

    expect(await moveDispute(db, sellerColleague, id, move({ intent: "answer", body: "数据字段已按合同交付，频率差异系对方系统原因。" }), [], realtime)).toBe(
      "answered",
    );
    expect(sent.filter((s) => s.userId === buyer.id).map((s) => (s.data as { kind: string }).kind)).toEqual(["dispute.answer"]);
    expect(await status(moveDispute(db, seller, id, move({ intent: "answer", body: "再次答复" })))).toBe(409);
    expect(await moveDispute(db, buyer, id, move({ intent: "statement", body: "附上对方交付记录。" }))).toBe("answered");
    // No mediator yet: the secretariat cannot decide as mediator, a party never can.
    expect(await status(moveDispute(db, buyer, id, move({ intent: "decide", outcome: "upheld", reason: "我方胜诉" })))).toBe(403);
    expect(await status(moveDispute(db, staff, id, move({ intent: "decide", outcome: "upheld", reason: "秘书处未受指派" })))).toBe(403);

    expect(await moveDispute(db, staff, id, move({ intent: "assign", mediator: mediatorOrgId }))).toBe("mediating");
    expect(await status(moveDispute(db, seller, id, move({ intent: "note", body: "当事方不能写调解记录" })))).toBe(403);
    expect(await moveDispute(db, mediator, id, move({ intent: "note", body: "双方同意提交抽样数据比对。" }))).toBe("mediating");
    const seen = recordingRealtime();
    expect(await moveDispute(db, mediator, id, move({ intent: "decide", outcome: "upheld", reason: "抽样比对显示缺少约定字段。" }), [], seen.realtime)).toBe(
      "upheld",
    );
    // Both parties (every member) hear the outcome.
    const told = seen.sent.filter((s) => (s.data as { kind: string }).kind === "dispute.outcome").map((s) => s.userId);
    expect(told.sort()).toEqual([seller.id, sellerColleague.id, buyer.id].sort());
    // Final: nothing moves any more.
    expect(await status(moveDispute(db, mediator, id, move({ intent: "decide", outcome: "rejected", reason: "改判" })))).toBe(409);
    expect(await status(moveDispute(db, seller, id, move({ intent: "statement", body: "不服" })))).toBe(409);
    expect(await status(moveDispute(db, staff, id, move({ intent: "assign", mediator: "secretariat" })))).toBe(409);

    for (const reader of [buyer, seller]) {
      const d = await getDispute(db, reader, id);
      expect(d).toMatchObject({ status: "upheld", outcomeReason: "抽样比对显示缺少约定字段。" });
      expect(d.timeline.map((s) => s.kind)).toEqual(["claim", "answer", "statement", "assignment", "note", "outcome"]);
      expect(d.can).toEqual({ answer: false, statement: false, note: false, assign: false, decide: [] });
    }
    expect((await auditRows(db, id)).map((a) => a.action)).toEqual([
      "dispute.opened",
      "dispute.answer",
      "dispute.statement",
      "dispute.assigned",
      "dispute.note",
      "dispute.decided",
    ]);
    // The deal can be disputed again once this one is decided.
    expect((await disputesOfMatch(db, buyer, await getMatchView(db, buyer, (await getDispute(db, buyer, id)).deal.id))).canOpen).toBe(true);
  });

  it("the secretariat may mediate itself and decide; a mediating organisation loses the dispute when reassigned", async () => {
    const id = await openDispute(db, seller, opening(await deal(), "对方未按约定付款"));
    await moveDispute(db, staff, id, move({ intent: "assign", mediator: mediatorOrgId }));
    expect(await moveDispute(db, staff, id, move({ intent: "assign", mediator: "secretariat" }))).toBe("mediating");
    expect(await status(getDispute(db, mediator, id))).toBe(404);
    expect((await getDispute(db, staff, id)).role).toBe("mediator");
    expect(await moveDispute(db, staff, id, move({ intent: "decide", outcome: "settled", reason: "双方达成和解，买方分期付款。" }))).toBe("settled");
  });

  it("the deadline job reminds the respondent once and marks an unanswered dispute overdue once", async () => {
    const id = await openDispute(db, buyer, opening(await deal(), "逾期答复测试"));
    const due = (await getDispute(db, buyer, id)).answerDueAt.getTime();
    const notices = async (kind: string) =>
      (await db.selectFrom("notifications").select(["user_id", "payload"]).where("kind", "=", kind).execute()).filter(
        (n) => (n.payload as { disputeId?: string }).disputeId === id,
      );
    // Early: nothing is due.
    await runDisputeDeadlines(db, new Date(due - REMINDER_LEAD_MS - 60_000));
    expect(await notices("dispute.answerDue")).toEqual([]);
    await runDisputeDeadlines(db, new Date(due - REMINDER_LEAD_MS + 60_000));
    await runDisputeDeadlines(db, new Date(due - DAY));
    expect((await notices("dispute.answerDue")).map((n) => n.user_id).sort()).toEqual([seller.id, sellerColleague.id].sort());
    expect(await notices("dispute.overdue")).toEqual([]);
    expect((await getDispute(db, seller, id)).overdue).toBe(false);

    await runDisputeDeadlines(db, new Date(due + 60_000));
    await runDisputeDeadlines(db, new Date(due + 120_000));
    const overdue = await notices("dispute.overdue");
    expect(overdue.map((n) => n.user_id).sort()).toEqual([buyer.id, seller.id, sellerColleague.id, staff.id].sort());
    const d = await getDispute(db, seller, id);
    expect(d.overdue).toBe(true);
    expect(d.timeline.map((s) => s.kind)).toEqual(["claim", "overdue"]);
    expect((await auditRows(db, id)).map((a) => a.action)).toEqual(["dispute.opened", "dispute.overdue"]);
    // Still answerable after the deadline: the answer counts as late.
    await moveDispute(db, seller, id, move({ intent: "answer", body: "迟到的答复，请见谅。" }));
    expect((await getDispute(db, buyer, id)).answeredLate).toBe(true);
  });

  it("disputeFactsFor counts, per organisation, disputes opened and upheld against it and answers on time or late", async () => {
    const fresh = await makeApprovedOrg(db, staff);
    const facts = await disputeFactsFor(db, [seller.org!.id, buyer.org!.id, fresh.orgId]);
    expect(facts[fresh.orgId]).toEqual({ openedAgainst: 0, upheldAgainst: 0, answeredOnTime: 0, answeredLate: 0, lastOpenedAt: null });
    const { rows } = await sql<{ opened: number; upheld: number; on_time: number; late: number }>`
      select count(*)::int as opened, count(*) filter (where status = 'upheld')::int as upheld,
        count(*) filter (where answered_at <= answer_due_at and overdue_at is null)::int as on_time,
        count(*) filter (where overdue_at is not null or answered_at > answer_due_at or (answered_at is null and answer_due_at < now()))::int as late
      from disputes where respondent_org_id = ${seller.org!.id}`.execute(db);
    expect(facts[seller.org!.id]).toMatchObject({
      openedAgainst: rows[0].opened,
      upheldAgainst: rows[0].upheld,
      answeredOnTime: rows[0].on_time,
      answeredLate: rows[0].late,
    });
    // From the tests above: the seller answered one dispute on time (later upheld); late are the one it
    // answered after the overdue mark and the first test's, which the same job run found unanswered.
    expect(facts[seller.org!.id].upheldAgainst).toBe(1);
    expect(facts[seller.org!.id].answeredOnTime).toBe(1);
    expect(facts[seller.org!.id].answeredLate).toBe(2);
    expect(facts[buyer.org!.id].openedAgainst).toBeGreaterThanOrEqual(1);
    expect(facts[seller.org!.id].lastOpenedAt).toBeInstanceOf(Date);
  });
});
