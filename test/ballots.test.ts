import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import { castVote, closeBallot, createBallot, evaluateBallot, getBallot, listBallots } from "../app/models/standards/ballots.server";
import { ballotSchema, utcToLocal } from "../app/models/standards/collab-schema";
import { changeGroupRole } from "../app/models/standards/groups.server";
import { dbForSuite } from "./helpers/db";
import { auditRows, makeUser } from "./helpers/fixtures";
import { makeGroup, type Person } from "./helpers/collab";

const rule = { quorumNum: 2, quorumDen: 3, approvalNum: 2, approvalDen: 3 };
const inHours = (h: number) => utcToLocal(new Date(Date.now() + h * 3_600_000), "Asia/Shanghai");
const ballot = (over: Record<string, unknown> = {}) =>
  ballotSchema.parse({ title: "送审稿报批", draftRef: "数据资产评估指南 送审稿", closesAt: inHours(24), timeZone: "Asia/Shanghai", ...over });

describe("the ballot rule", () => {
  it("quorum: two thirds of voting members, abstentions included; exactly two thirds is enough", () => {
    expect(evaluateBallot({ eligible: 6, yes: 3, no: 0, abstain: 1 }, rule).quorumMet).toBe(true); // 4/6 = 2/3 exactly
    expect(evaluateBallot({ eligible: 6, yes: 3, no: 0, abstain: 0 }, rule).quorumMet).toBe(false); // 3/6 just missed
    expect(evaluateBallot({ eligible: 7, yes: 4, no: 0, abstain: 0 }, rule).quorumMet).toBe(false); // 4/7 < 2/3
    expect(evaluateBallot({ eligible: 7, yes: 5, no: 0, abstain: 0 }, rule).quorumMet).toBe(true);
    expect(evaluateBallot({ eligible: 0, yes: 0, no: 0, abstain: 0 }, rule).passed).toBe(false);
  });

  it("approval: yes at least two thirds of yes + no; exactly two thirds passes, just under fails; all abstain fails", () => {
    expect(evaluateBallot({ eligible: 3, yes: 2, no: 1, abstain: 0 }, rule)).toMatchObject({ approved: true, passed: true });
    expect(evaluateBallot({ eligible: 5, yes: 3, no: 2, abstain: 0 }, rule)).toMatchObject({ approved: false, passed: false }); // 60%
    expect(evaluateBallot({ eligible: 9, yes: 4, no: 2, abstain: 3 }, rule)).toMatchObject({ quorumMet: true, approved: true, passed: true });
    expect(evaluateBallot({ eligible: 3, yes: 0, no: 0, abstain: 3 }, rule)).toMatchObject({ quorumMet: true, approved: false, passed: false });
    // Other parameters are honoured: simple majority with a one-half quorum.
    expect(evaluateBallot({ eligible: 4, yes: 1, no: 1, abstain: 0 }, { quorumNum: 1, quorumDen: 2, approvalNum: 1, approvalDen: 2 }).passed).toBe(true);
  });

  it("the form schema takes fractions and a time zone, and refuses bad ones", () => {
    const ok = ballot({ quorum: "1/2", approval: "3/4" });
    expect(ok.quorum).toEqual({ num: 1, den: 2 });
    expect(ok.approval).toEqual({ num: 3, den: 4 });
    expect(ballot().quorum).toEqual({ num: 2, den: 3 });
    expect(ballotSchema.safeParse({ title: "标题", closesAt: inHours(1), quorum: "3/2" }).success).toBe(false);
    expect(ballotSchema.safeParse({ title: "标题", closesAt: inHours(1), approval: "0/3" }).success).toBe(false);
    expect(ballotSchema.safeParse({ title: "标题", closesAt: inHours(1), timeZone: "Mars/Olympus" }).success).toBe(false);
    expect(ballotSchema.safeParse({ title: "标题", closesAt: "2026-02-30T10:00" }).success).toBe(false);
  });
});

describe("ballots in a working group", () => {
  const t = dbForSuite();
  let db: Db;
  let groupId: string;
  let convenor: Person;
  let voters: Person[]; // editor + 4 members: with the convenor, 6 voting members
  let observer: Person;
  beforeAll(async () => {
    db = t.db;
    const g = await makeGroup(db, ["editor", "member", "member", "member", "member", "observer"]);
    groupId = g.groupId;
    convenor = g.convenor;
    voters = g.members.slice(0, 5);
    observer = g.members[5];
  });

  it("only the convenor opens a ballot, closing in the future; it is audited", async () => {
    await expect(createBallot(db, await voters[0].actor(), groupId, ballot())).rejects.toMatchObject({ status: 403 });
    await expect(createBallot(db, await convenor.actor(), groupId, ballot({ closesAt: inHours(-1) }))).rejects.toMatchObject({
      status: 400,
      messageKey: "collab.errors.closesInPast",
    });
    const id = await createBallot(db, await convenor.actor(), groupId, ballot());
    expect((await auditRows(db, id)).map((r) => r.action)).toEqual(["ballot.created"]);
    const row = await db.selectFrom("ballots").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect([row.quorum_num, row.quorum_den, row.approval_num, row.approval_den]).toEqual([2, 3, 2, 3]);
  });

  it("observers and outsiders cannot vote; members vote once and may change until close", async () => {
    const id = await createBallot(db, await convenor.actor(), groupId, ballot());
    await expect(castVote(db, await observer.actor(), id, { choice: "yes", comment: null })).rejects.toMatchObject({
      status: 403,
      messageKey: "collab.errors.cannotVote",
    });
    const outsider = await makeUser(db);
    await expect(castVote(db, await outsider.actor(), id, { choice: "yes", comment: null })).rejects.toMatchObject({ status: 403 });
    const staff = await (await makeUser(db, { role: "secretariat" })).actor();
    await expect(castVote(db, staff, id, { choice: "yes", comment: null })).rejects.toMatchObject({ status: 403 });

    await castVote(db, await voters[0].actor(), id, { choice: "yes", comment: null });
    await castVote(db, await voters[0].actor(), id, { choice: "no", comment: "第 5 章仍有问题" });
    const votes = await db.selectFrom("ballot_votes").selectAll().where("ballot_id", "=", id).execute();
    expect(votes).toHaveLength(1);
    expect(votes[0]).toMatchObject({ choice: "no", comment: "第 5 章仍有问题" });
    expect((await auditRows(db, id)).map((r) => r.action)).toEqual(["ballot.created", "ballot.voted", "ballot.vote_changed"]);
    // While open: the count is shown, not who voted what.
    const view = await getBallot(db, await voters[1].actor(), id);
    expect(view).toMatchObject({ status: "open", votesCast: 1, votes: [], tally: null, canVote: true });
    expect((await getBallot(db, await observer.actor(), id)).canVote).toBe(false);
  });

  it("quorum exactly met and approval exactly two thirds: passes when the closing time passes, and the result is fixed", async () => {
    const id = await createBallot(db, await convenor.actor(), groupId, ballot());
    await castVote(db, await convenor.actor(), id, { choice: "yes", comment: null });
    await castVote(db, await voters[0].actor(), id, { choice: "yes", comment: null });
    await castVote(db, await voters[1].actor(), id, { choice: "no", comment: null });
    await castVote(db, await voters[2].actor(), id, { choice: "abstain", comment: "回避" });
    await db
      .updateTable("ballots")
      .set({ closes_at: new Date(Date.now() - 1000) })
      .where("id", "=", id)
      .execute();

    await expect(castVote(db, await voters[3].actor(), id, { choice: "yes", comment: null })).rejects.toMatchObject({
      status: 409,
      messageKey: "collab.errors.ballotClosed",
    });
    await expect(castVote(db, await voters[0].actor(), id, { choice: "no", comment: null })).rejects.toMatchObject({ status: 409 });

    const view = await getBallot(db, await voters[4].actor(), id);
    expect(view).toMatchObject({ status: "closed", result: "passed", tally: { eligible: 6, yes: 2, no: 1, abstain: 1 }, canVote: false });
    expect(view.evaluation).toMatchObject({ quorumMet: true, approved: true });
    expect(view.votes.map((v) => v.choice).sort()).toEqual(["abstain", "no", "yes", "yes"]);

    // Membership changes after the close do not move a fixed result.
    await changeGroupRole(db, await convenor.actor(), groupId, voters[0].id, "observer");
    expect((await getBallot(db, await voters[4].actor(), id)).tally).toEqual({ eligible: 6, yes: 2, no: 1, abstain: 1 });
    await changeGroupRole(db, await convenor.actor(), groupId, voters[0].id, "editor");
    expect((await auditRows(db, id)).filter((r) => r.action === "ballot.closed")).toHaveLength(1);
  });

  it("quorum just missed (3 of 6) fails even with all yes; closing early is the convenor's and audited", async () => {
    const id = await createBallot(db, await convenor.actor(), groupId, ballot());
    for (const v of voters.slice(0, 3)) await castVote(db, await v.actor(), id, { choice: "yes", comment: null });
    await expect(closeBallot(db, await voters[0].actor(), id)).rejects.toMatchObject({ status: 403 });
    await closeBallot(db, await convenor.actor(), id);
    await expect(closeBallot(db, await convenor.actor(), id)).rejects.toMatchObject({ status: 409 });
    const view = await getBallot(db, await convenor.actor(), id);
    expect(view).toMatchObject({ status: "closed", result: "failed", tally: { eligible: 6, yes: 3, no: 0, abstain: 0 } });
    expect(view.evaluation).toMatchObject({ quorumMet: false, approved: true });
    const closed = (await auditRows(db, id)).find((r) => r.action === "ballot.closed");
    expect(closed?.after).toMatchObject({ result: "failed", early: true });
  });

  it("approval just under two thirds (3 yes, 2 no) fails with the quorum met", async () => {
    const id = await createBallot(db, await convenor.actor(), groupId, ballot());
    const choices = ["yes", "yes", "yes", "no", "no"] as const;
    for (const [i, v] of voters.entries()) await castVote(db, await v.actor(), id, { choice: choices[i], comment: null });
    await closeBallot(db, await convenor.actor(), id);
    const [listed] = (await listBallots(db, await observer.actor(), groupId)).filter((b) => b.id === id);
    expect(listed).toMatchObject({ status: "closed", result: "failed" });
    expect(listed.evaluation).toMatchObject({ quorumMet: true, approved: false });
  });

  it("outsiders do not see a group's ballots", async () => {
    const outsider = await makeUser(db);
    await expect(listBallots(db, await outsider.actor(), groupId)).rejects.toMatchObject({ status: 403 });
    await expect(listBallots(db, null, groupId)).rejects.toMatchObject({ status: 403 });
  });
});
