import { sql } from "kysely";
import type { Db } from "../index";
import { loadActor } from "../../app/models/accounts/auth.server";
import { addComment, resolveComment } from "../../app/models/standards/draft-comments.server";
import { changeStage, createDraft, setWatch } from "../../app/models/standards/drafts.server";
import { saveVersion } from "../../app/models/standards/draft-versions.server";

const byEmail = async (db: Db, email: string) => {
  const row = await db
    .selectFrom("users")
    .select("id")
    .where(sql`lower(email)`, "=", email)
    .executeTakeFirstOrThrow();
  return (await loadActor(db, row.id))!;
};

const TERMS_V1 = `## 1 范围

本文件界定了数据资产评估的术语和定义。

本文件适用于数据资产评估机构开展评估业务。

## 2 规范性引用文件

GB/T 43697-2024 数据安全技术 数据分类分级规则

## 3 术语和定义

3.1 数据资产：由组织合法拥有或控制、能进行计量、能为组织带来经济利益的数据资源。

3.2 评估基准日：确定评估结论所对应的时点。`;

const TERMS_V2 = `## 1 范围

本文件界定了数据资产评估的术语和定义。

本文件适用于数据资产评估机构、数据交易场所和数据资产持有单位。

## 2 规范性引用文件

GB/T 43697-2024 数据安全技术 数据分类分级规则

## 3 术语和定义

3.1 数据资产：由组织合法拥有或控制、能进行计量、能为组织带来直接或间接经济利益的数据资源。

3.2 评估基准日：确定评估结论所对应的时点。

3.3 数据资产入表：将符合条件的数据资源确认为企业资产并列报于资产负债表。`;

const METHOD_V1 = `## 1 范围

本文件规定了数据资产评估的成本法、收益法和市场法的适用条件与操作要求。

## 5 评估方法

5.1 成本法：按重置成本扣除贬值确定价值。

5.2 收益法：按预期收益折现确定价值，收益期限不超过数据的经济寿命。

5.3 市场法：参照可比数据交易案例调整确定价值。`;

/** Demo standard drafts in the demo working group: one being drafted, one out for public comment. */
export async function seedDrafts(db: Db, groupId: string): Promise<{ summary: string }> {
  const convenor = await byEmail(db, "scut@yaosu.demo");
  const editor = await byEmail(db, "gdri@yaosu.demo");
  const member1 = await byEmail(db, "yuecheng-tech@yaosu.demo");
  const member2 = await byEmail(db, "trust-compliance@yaosu.demo");
  const observer = await byEmail(db, "hk-data-lab@yaosu.demo");

  const terms = await createDraft(db, editor, groupId, {
    code: "T/GZDEA 001-2026",
    title: "数据资产评估 术语",
    titleEn: "Data asset valuation — Vocabulary",
    scope: "界定数据资产评估的基本术语和定义，供评估机构、交易场所与持有单位统一用语。",
    editorIds: [editor.id],
    body: TERMS_V1,
  });
  await changeStage(db, convenor, groupId, terms, { to: "proposal", days: null, note: "工作组会议同意立项" });
  await changeStage(db, editor, groupId, terms, { to: "drafting", days: null, note: null });
  await saveVersion(db, editor, groupId, terms, { body: TERMS_V2, note: "扩大适用范围，补充“数据资产入表”" });
  await setWatch(db, member1, groupId, terms, true);

  const method = await createDraft(db, editor, groupId, {
    code: "T/GZDEA 002-2026",
    title: "数据资产评估 方法与流程",
    titleEn: "Data asset valuation — Methods and procedure",
    scope: "规定数据资产评估的成本法、收益法和市场法的适用条件、参数选取与评估流程。",
    editorIds: [editor.id],
    body: METHOD_V1,
  });
  await changeStage(db, convenor, groupId, method, { to: "proposal", days: null, note: null });
  await changeStage(db, editor, groupId, method, { to: "drafting", days: null, note: null });
  await changeStage(db, editor, groupId, method, { to: "public_comment", days: 30, note: "面向联盟成员单位公开征求意见" });
  const c1 = await addComment(db, member1, groupId, method, {
    clause: "5.2",
    comment: "收益期限的确定缺少方法，建议给出经济寿命的判断依据。",
    proposedChange: "增加“经济寿命可参考数据更新频率与使用场景确定”。",
    patentHolder: null,
    patentNumber: null,
    patentDescription: null,
  });
  await addComment(db, member2, groupId, method, {
    clause: "5.3",
    comment: "可比交易案例较少时市场法难以适用，应说明替代做法。",
    proposedChange: null,
    patentHolder: null,
    patentNumber: null,
    patentDescription: null,
  });
  await addComment(db, observer, groupId, method, {
    clause: "5.1",
    comment: "重置成本中是否包含數據清洗與標註的人工成本？建議明確。",
    proposedChange: "在 5.1 中列明成本構成。",
    patentHolder: "香港數據治理實驗室",
    patentNumber: "HK 30012345",
    patentDescription: "數據資產成本歸集方法",
  });
  await resolveComment(db, editor, groupId, method, {
    commentId: c1,
    resolution: "accepted_in_part",
    reason: "补充经济寿命的参考因素，具体年限不作统一规定。",
  });

  return { summary: "Demo drafts: T/GZDEA 001-2026 (drafting, 2 versions), T/GZDEA 002-2026 (public comment, 3 comments, 1 resolved)" };
}
