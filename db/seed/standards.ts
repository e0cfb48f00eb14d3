import { sql } from "kysely";
import type { Db } from "../index";
import { loadActor } from "../../app/models/accounts/auth.server";
import { createGroup, decideJoin, requestToJoin } from "../../app/models/standards/groups.server";

const byEmail = async (db: Db, email: string) => {
  const row = await db
    .selectFrom("users")
    .select("id")
    .where(sql`lower(email)`, "=", email)
    .executeTakeFirstOrThrow();
  return (await loadActor(db, row.id))!;
};

/** A working group with a convenor, an editor, members, an observer and one request waiting. */
export async function seedStandards(db: Db): Promise<{ summary: string; groupId: string }> {
  const staff = await byEmail(db, "secretariat@yaosu.demo");
  const groupId = await createGroup(db, staff, {
    name: "数据资产评估标准工作组",
    nameEn: "Data Asset Valuation Standards Working Group",
    scope: "制定数据资产评估的术语、评估方法、评估流程与报告要求，服务数据资产入表与数据交易定价。",
    charter:
      "## 工作组章程\n\n1. 以团体标准为主，兼顾行业标准与地方标准的预研。\n2. 成员单位按角色参与起草、征求意见与投票。\n3. 每月召开一次线上工作会议，会议纪要公开于工作组页面。",
    standardType: "group",
    convenorEmail: "scut@yaosu.demo",
    milestones: [
      { label: "完成预研报告", due: "2026-12-31" },
      { label: "征求意见稿发布", due: "2027-03-31" },
      { label: "标准报批", due: "2027-06-30" },
    ],
  });
  const convenor = await byEmail(db, "scut@yaosu.demo");
  const joins: [string, "editor" | "member" | "observer"][] = [
    ["gdri@yaosu.demo", "editor"],
    ["gba-valuation@yaosu.demo", "editor"],
    ["yuecheng-tech@yaosu.demo", "member"],
    ["trust-compliance@yaosu.demo", "member"],
    ["hk-data-lab@yaosu.demo", "observer"],
  ];
  for (const [email, role] of joins) {
    const member = await byEmail(db, email);
    await requestToJoin(db, member, groupId, "希望参与标准起草");
    await decideJoin(db, convenor, groupId, { userId: member.id, decision: "accept", role });
  }
  await requestToJoin(db, await byEmail(db, "lingnan-health@yaosu.demo"), groupId, "希望补充医疗数据资产评估的场景");
  return { summary: "Demo working group: 数据资产评估标准工作组 (7 members, 1 request waiting)", groupId };
}
