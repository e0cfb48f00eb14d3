import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import type { VoteChoice } from "../../../db/tables/group-collab";
import { writeAudit } from "../core/audit.server";
import { conflict, forbidden, invalid, notFound } from "../core/errors";
import { isUuid } from "../core/params";
import type { BallotInput, VoteInput } from "./collab-schema";
import { ALL_GROUP_ROLES, VOTING_ROLES, groupRole, requireGroupRole } from "./groups.server";
import { requireUser, type Actor } from "../core/permissions";

type Db = Kysely<Database>;
type Executor = Db | Transaction<Database>;

export interface Rule {
  quorumNum: number;
  quorumDen: number;
  approvalNum: number;
  approvalDen: number;
}
import type { Tally } from "../../../db/vocabulary/standards";

export type { Tally };

/**
 * The rule of a ballot, with its parameters stored on the ballot (default 2/3 and 2/3):
 * - quorum: votes cast (yes + no + abstain) >= quorum share x voting members, i.e.
 *   (yes + no + abstain) * quorumDen >= quorumNum * eligible;
 * - approval: yes >= approval share x (yes + no); abstentions count for the quorum only, i.e.
 *   yes * approvalDen >= approvalNum * (yes + no), and at least one yes or no vote.
 * "At least": exactly two thirds meets the rule. Integer arithmetic, no rounding.
 */
export function evaluateBallot(t: Tally, r: Rule) {
  const cast = t.yes + t.no + t.abstain;
  const quorumMet = t.eligible > 0 && cast * r.quorumDen >= r.quorumNum * t.eligible;
  const decisive = t.yes + t.no;
  const approved = decisive > 0 && t.yes * r.approvalDen >= r.approvalNum * decisive;
  return { cast, quorumMet, approved, passed: quorumMet && approved };
}

const ruleOf = (b: { quorum_num: number; quorum_den: number; approval_num: number; approval_den: number }): Rule => ({
  quorumNum: b.quorum_num,
  quorumDen: b.quorum_den,
  approvalNum: b.approval_num,
  approvalDen: b.approval_den,
});

/** Voting members now: active members with a voting role. */
async function currentTally(db: Executor, groupId: string, ballotId: string): Promise<Tally> {
  const eligible = await db
    .selectFrom("group_members")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("group_id", "=", groupId)
    .where("status", "=", "active")
    .where("role", "in", VOTING_ROLES)
    .executeTakeFirstOrThrow();
  // Only votes of people who are still voting members count.
  const votes = await db
    .selectFrom("ballot_votes")
    .innerJoin("group_members", (j) => j.onRef("group_members.user_id", "=", "ballot_votes.user_id").on("group_members.group_id", "=", groupId))
    .select(["ballot_votes.choice", sql<number>`count(*)::int`.as("n")])
    .where("ballot_votes.ballot_id", "=", ballotId)
    .where("group_members.status", "=", "active")
    .where("group_members.role", "in", VOTING_ROLES)
    .groupBy("ballot_votes.choice")
    .execute();
  const n = (c: VoteChoice) => votes.find((v) => v.choice === c)?.n ?? 0;
  return { eligible: eligible.n, yes: n("yes"), no: n("no"), abstain: n("abstain") };
}

/**
 * Fixes the result once: the tally is stored with the ballot when it closes (at its closing time,
 * on the first read after it, or early by the convenor) and never recomputed.
 */
async function finalize(trx: Transaction<Database>, ballotId: string, actorId: string | null, early = false, now = new Date()) {
  const b = await trx.selectFrom("ballots").selectAll().where("id", "=", ballotId).forUpdate().executeTakeFirstOrThrow();
  if (b.status === "closed") return false;
  if (!early && new Date(b.closes_at) > now) return false;
  const tally = await currentTally(trx, b.group_id, ballotId);
  const { passed } = evaluateBallot(tally, ruleOf(b));
  const result = passed ? "passed" : "failed";
  await trx
    .updateTable("ballots")
    .set({ status: "closed", result, tally: JSON.stringify(tally), closed_at: sql`now()`, ...(early ? { closes_at: sql`now()` } : {}) })
    .where("id", "=", ballotId)
    .execute();
  await writeAudit(trx, {
    actorId,
    action: "ballot.closed",
    entityType: "ballot",
    entityId: ballotId,
    before: { status: "open" },
    after: { status: "closed", result, tally, early },
  });
  return true;
}

/**
 * Closes every open ballot whose time has come (of one group, or all). The scheduler calls it every
 * minute; reads call it too, so a result shows at once even in the minute before the job runs.
 */
export async function closeDueBallots(db: Db, now = new Date(), groupId?: string): Promise<number> {
  let q = db.selectFrom("ballots").select("id").where("status", "=", "open").where("closes_at", "<=", now);
  if (groupId) q = q.where("group_id", "=", groupId);
  let closed = 0;
  for (const d of await q.execute()) if (await db.transaction().execute((trx) => finalize(trx, d.id, null, false, now))) closed++;
  return closed;
}

async function loadBallot(db: Db, ballotId: string) {
  if (!isUuid(ballotId)) throw notFound();
  const b = await db.selectFrom("ballots").selectAll().where("id", "=", ballotId).executeTakeFirst();
  if (!b) throw notFound();
  return b;
}

export async function createBallot(db: Db, actor: Actor | null, groupId: string, input: BallotInput): Promise<string> {
  const a = requireUser(actor);
  await requireGroupRole(db, a, groupId, ["convenor"]);
  if (input.closesAt.getTime() <= Date.now()) throw invalid("collab.errors.closesInPast", "closesAt");
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("ballots")
      .values({
        group_id: groupId,
        title: input.title,
        description: input.description ?? "",
        draft_ref: input.draftRef,
        draft_id: input.draftId,
        closes_at: input.closesAt,
        quorum_num: input.quorum.num,
        quorum_den: input.quorum.den,
        approval_num: input.approval.num,
        approval_den: input.approval.den,
        result: null,
        tally: null,
        created_by: a.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      actorId: a.id,
      action: "ballot.created",
      entityType: "ballot",
      entityId: row.id,
      after: { groupId, title: input.title, closesAt: input.closesAt, quorum: input.quorum, approval: input.approval },
    });
    return row.id;
  });
}

/** One vote per voting member, changeable until the ballot closes. */
export async function castVote(db: Db, actor: Actor | null, ballotId: string, input: VoteInput) {
  const a = requireUser(actor);
  const ballot = await loadBallot(db, ballotId);
  const m = await groupRole(db, a, ballot.group_id);
  if (!m || m.status !== "active" || !VOTING_ROLES.includes(m.role)) throw forbidden("collab.errors.cannotVote");
  await db.transaction().execute(async (trx) => {
    const b = await trx.selectFrom("ballots").select(["status", "closes_at"]).where("id", "=", ballotId).forUpdate().executeTakeFirstOrThrow();
    if (b.status !== "open" || new Date(b.closes_at) <= new Date()) throw conflict("collab.errors.ballotClosed");
    const before = await trx.selectFrom("ballot_votes").select(["choice"]).where("ballot_id", "=", ballotId).where("user_id", "=", a.id).executeTakeFirst();
    await trx
      .insertInto("ballot_votes")
      .values({ ballot_id: ballotId, user_id: a.id, choice: input.choice, comment: input.comment })
      .onConflict((oc) => oc.columns(["ballot_id", "user_id"]).doUpdateSet({ choice: input.choice, comment: input.comment, updated_at: sql`now()` }))
      .execute();
    await writeAudit(trx, {
      actorId: a.id,
      action: before ? "ballot.vote_changed" : "ballot.voted",
      entityType: "ballot",
      entityId: ballotId,
      before: before ?? undefined,
      after: { choice: input.choice },
    });
  });
}

/** The convenor may close a ballot before its time; the result is fixed then. */
export async function closeBallot(db: Db, actor: Actor | null, ballotId: string) {
  const a = requireUser(actor);
  const ballot = await loadBallot(db, ballotId);
  await requireGroupRole(db, a, ballot.group_id, ["convenor"]);
  const closed = await db.transaction().execute((trx) => finalize(trx, ballotId, a.id, true));
  if (!closed) throw conflict("collab.errors.ballotClosed");
}

function present(b: Awaited<ReturnType<typeof loadBallot>>) {
  const tally = b.tally ?? null;
  const rule = ruleOf(b);
  return {
    id: b.id,
    groupId: b.group_id,
    title: b.title,
    description: b.description,
    draftRef: b.draft_ref,
    draftId: b.draft_id,
    closesAt: b.closes_at,
    closedAt: b.closed_at,
    status: b.status,
    result: b.result,
    rule,
    tally,
    evaluation: tally ? evaluateBallot(tally, rule) : null,
  };
}

export async function listBallots(db: Db, actor: Actor | null, groupId: string) {
  await requireGroupRole(db, actor, groupId, ALL_GROUP_ROLES);
  await closeDueBallots(db, new Date(), groupId);
  const rows = await db.selectFrom("ballots").selectAll().where("group_id", "=", groupId).orderBy("status", "desc").orderBy("closes_at", "desc").execute();
  const mine = actor
    ? await db
        .selectFrom("ballot_votes")
        .select(["ballot_id", "choice"])
        .where("user_id", "=", actor.id)
        .where("ballot_id", "in", rows.length ? rows.map((r) => r.id) : ["00000000-0000-0000-0000-000000000000"])
        .execute()
    : [];
  return rows.map((r) => ({ ...present(r), myChoice: mine.find((m) => m.ballot_id === r.id)?.choice ?? null }));
}

export async function getBallot(db: Db, actor: Actor | null, ballotId: string) {
  const first = await loadBallot(db, ballotId);
  const role = await requireGroupRole(db, actor, first.group_id, ALL_GROUP_ROLES);
  if (first.status === "open" && new Date(first.closes_at) <= new Date()) await db.transaction().execute((trx) => finalize(trx, ballotId, null));
  const b = await loadBallot(db, ballotId);
  const m = await groupRole(db, actor, b.group_id);
  const votes = await db
    .selectFrom("ballot_votes")
    .innerJoin("users", "users.id", "ballot_votes.user_id")
    .select(["ballot_votes.user_id", "users.display_name", "ballot_votes.choice", "ballot_votes.comment", "ballot_votes.updated_at"])
    .where("ballot_id", "=", ballotId)
    .orderBy("ballot_votes.created_at")
    .execute();
  const myVote = votes.find((v) => v.user_id === actor?.id) ?? null;
  const closed = b.status === "closed";
  return {
    ...present(b),
    convenes: role === "convenor",
    canVote: !closed && m?.status === "active" && VOTING_ROLES.includes(m.role),
    myVote: myVote ? { choice: myVote.choice, comment: myVote.comment } : null,
    votesCast: votes.length,
    // Who may vote now (closed: as fixed in the tally), so a member sees how far the vote has come.
    eligible: b.tally?.eligible ?? (await currentTally(db, b.group_id, ballotId)).eligible,
    // While open, members see how many voted; who voted what is shown once the result is fixed.
    votes: closed ? votes.map((v) => ({ name: v.display_name, choice: v.choice, comment: v.comment })) : [],
  };
}
