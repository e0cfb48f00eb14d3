import { sql } from "kysely";
import type { Db } from "../index";
import { loadActor } from "../../app/models/accounts/auth.server";
import { castVote, createBallot, listBallots } from "../../app/models/standards/ballots.server";
import { ballotSchema, meetingSchema, utcToLocal } from "../../app/models/standards/collab-schema";
import { postGroupMessage, FloodLimiter } from "../../app/models/standards/group-channel.server";
import { createMeeting, markAttendance, recordMinutes } from "../../app/models/standards/meetings.server";

const byEmail = async (db: Db, email: string) => {
  const row = await db
    .selectFrom("users")
    .select("id")
    .where(sql`lower(email)`, "=", email)
    .executeTakeFirstOrThrow();
  return (await loadActor(db, row.id))!;
};

const TZ = "Asia/Shanghai";
const at = (daysFromNow: number, hour: number) => {
  const d = new Date(Date.now() + daysFromNow * 86_400_000);
  return `${utcToLocal(d, TZ).slice(0, 10)}T${String(hour).padStart(2, "0")}:00`;
};

/** Demo ballots, meetings and channel messages in the demo working group, all through the models. */
export async function seedGroupCollab(db: Db, groupId: string): Promise<{ summary: string }> {
  const convenor = await byEmail(db, "scut@yaosu.demo");
  const editor = await byEmail(db, "gdri@yaosu.demo");
  const member = await byEmail(db, "yuecheng-tech@yaosu.demo");
  const editor2 = await byEmail(db, "gba-valuation@yaosu.demo");

  // Both ballots vote on the group's methods standard: tied to the draft itself, so its page is one click away.
  const guide = await db.selectFrom("drafts").select("id").where("group_id", "=", groupId).where("code", "=", "T/GZDEA 002-2026").executeTakeFirst();

  // A closed ballot: created open, voted, then its closing time passes (moved back, as if time had gone by).
  const closedId = await createBallot(
    db,
    convenor,
    groupId,
    ballotSchema.parse({
      title: "《数据资产评估 方法与流程》立项申请",
      description: "同意将《数据资产评估 方法与流程》作为团体标准立项，进入起草阶段。",
      draftRef: "T/GZDEA 002-2026 预研报告",
      draftId: guide?.id,
      closesAt: at(1, 18),
      timeZone: TZ,
    }),
  );
  await castVote(db, convenor, closedId, { choice: "yes", comment: null });
  await castVote(db, editor, closedId, { choice: "yes", comment: "预研充分" });
  await castVote(db, editor2, closedId, { choice: "yes", comment: null });
  await castVote(db, member, closedId, { choice: "abstain", comment: "尚需内部评估" });
  await db
    .updateTable("ballots")
    .set({ closes_at: new Date(Date.now() - 14 * 86_400_000) })
    .where("id", "=", closedId)
    .execute();
  await listBallots(db, convenor, groupId); // fixes the closed ballot's tally and result

  const openId = await createBallot(
    db,
    convenor,
    groupId,
    ballotSchema.parse({
      // The draft is in public comment with open comments: the open ballot is about that period, not about approval.
      title: "《数据资产评估 方法与流程》征求意见期延长",
      description: "征求意见期内收到的意见较多，部分成员单位仍在内部评估。是否同意将征求意见期延长 14 天，期满后再处理意见？",
      draftRef: "T/GZDEA 002-2026 征求意见稿",
      draftId: guide?.id,
      closesAt: at(10, 18),
      timeZone: TZ,
    }),
  );
  await castVote(db, editor, openId, { choice: "yes", comment: "意见处理表已核对" });

  const past = await createMeeting(
    db,
    convenor,
    groupId,
    meetingSchema.parse({
      title: "第三次工作会议",
      agenda: "1. 征求意见处理情况\n2. 送审稿修改\n3. 报批时间表",
      startsAt: at(-7, 14),
      endsAt: at(-7, 16),
      timeZone: TZ,
      onlineUrl: "https://meeting.example.com/yaosu-valuation-3",
      place: "广州市天河区 联盟会议室 A",
    }),
  );
  await recordMinutes(db, convenor, past, {
    minutes: "## 纪要\n\n- 共收到 23 条意见，采纳 17 条，部分采纳 4 条，未采纳 2 条。\n- 编辑组于两周内完成送审稿。",
    draftRefs: ["数据资产评估指南 征求意见稿", "数据资产评估指南 送审稿 v0.9"],
    decisions: ["送审稿于下次会议前发出", "启动报批投票"],
  });
  for (const a of [convenor, editor, member]) await markAttendance(db, a, past, { attended: true });

  await createMeeting(
    db,
    convenor,
    groupId,
    meetingSchema.parse({
      title: "第四次工作会议",
      agenda: "1. 报批投票情况\n2. 宣贯计划",
      startsAt: at(14, 10),
      endsAt: at(14, 11),
      timeZone: TZ,
      onlineUrl: "https://meeting.example.com/yaosu-valuation-4",
    }),
  );

  const limiter = new FloodLimiter(1000, 1000);
  const lines: [typeof convenor, string][] = [
    [convenor, "各位好，送审稿 v0.9 已上传，请在周五前查看。"],
    [editor, "收到，第 5 章评估方法部分我来核对。"],
    [member, "我们在数据产品定价上有实际案例，可以补充到附录。"],
    [editor2, "附录 B 的收益法参数建议再统一一下口径。"],
    [convenor, "好的，请把案例整理成一页纸，周三前发到频道。"],
    [member, "没问题。"],
    [editor, "另外，术语“数据资产”与 GB/T 40685 的定义是否需要对齐？"],
    [convenor, "需要，下次会议专门讨论。"],
    [editor2, "报批投票已开启，请有表决权的成员按时投票。"],
    [editor, "已投。"],
  ];
  for (const [who, body] of lines) await postGroupMessage(db, who, groupId, body, undefined, limiter);

  return { summary: "Group collab: 2 ballots (1 open, 1 closed), 2 meetings (1 past with minutes), 10 channel messages" };
}
