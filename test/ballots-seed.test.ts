import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../db/seed/index";
import { dbForSuite } from "./helpers/db";

describe("the demo group's ballots, meetings and channel", () => {
  const t = dbForSuite();
  beforeAll(async () => {
    await seedDemo(t.db);
  }, 120_000);

  it("has one open and one closed ballot (with a fixed tally), a past meeting with minutes, an upcoming one and ~10 messages", async () => {
    const group = await t.db.selectFrom("working_groups").select("id").where("name", "=", "数据资产评估标准工作组").executeTakeFirstOrThrow();
    const ballots = await t.db.selectFrom("ballots").selectAll().where("group_id", "=", group.id).execute();
    expect(ballots.map((b) => b.status).sort()).toEqual(["closed", "open"]);
    const closed = ballots.find((b) => b.status === "closed")!;
    expect(closed.result).toBe("passed");
    expect(closed.tally).toEqual({ eligible: 5, yes: 3, no: 0, abstain: 1 });
    // The open ballot agrees with its draft: the draft is in public comment, so it says nothing of comment having ended.
    const open = ballots.find((b) => b.status === "open")!;
    const draft = await t.db.selectFrom("drafts").select("stage").where("id", "=", open.draft_id!).executeTakeFirstOrThrow();
    expect(draft.stage).toBe("public_comment");
    expect(`${open.title} ${open.description}`).not.toMatch(/征求意见已结束|意见已处理|报批/);
    const meetings = await t.db.selectFrom("meetings").selectAll().where("group_id", "=", group.id).orderBy("starts_at").execute();
    expect(meetings).toHaveLength(2);
    expect(new Date(meetings[0].ends_at).getTime()).toBeLessThan(Date.now());
    expect(meetings[0].minutes).toContain("纪要");
    expect(new Date(meetings[1].starts_at).getTime()).toBeGreaterThan(Date.now());
    const n = await t.db
      .selectFrom("group_messages")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("group_id", "=", group.id)
      .executeTakeFirstOrThrow();
    expect(n.n).toBe(10);
    // Observers are not authors: every message comes from a voting member.
    const authors = await t.db
      .selectFrom("group_messages")
      .innerJoin("group_members", (j) =>
        j.onRef("group_members.user_id", "=", "group_messages.author_id").onRef("group_members.group_id", "=", "group_messages.group_id"),
      )
      .select("group_members.role")
      .where("group_messages.group_id", "=", group.id)
      .execute();
    expect(authors.every((a) => a.role !== "observer")).toBe(true);
  });
});
