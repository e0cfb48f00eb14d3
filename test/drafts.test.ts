import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import { commentInputSchema, draftInputSchema, stageInputSchema } from "../app/models/standards/draft-schema";
import { addComment, resolveComment } from "../app/models/standards/draft-comments.server";
import { changeStage, commentTable, createDraft, getDraft, listDrafts, setWatch } from "../app/models/standards/drafts.server";
import { diffVersions, lineDiff, saveVersion } from "../app/models/standards/draft-versions.server";
import { canMove } from "../app/models/standards/draft-rules";
import { createGroup, decideJoin, requestToJoin } from "../app/models/standards/groups.server";
import type { Actor } from "../app/models/core/permissions";
import { dbForSuite } from "./helpers/db";
import { auditRows, makeApprovedOrg, makeUser } from "./helpers/fixtures";

type Person = { id: string; email: string; actor: () => Promise<Actor> };
let seq = 0;
export const draftInput = (over: Partial<Record<string, unknown>> = {}) =>
  draftInputSchema.parse({
    code: `T/TEST ${String(++seq).padStart(3, "0")}-${2000 + (process.pid % 99)}`,
    title: "数据质量 评价方法",
    scope: "规定数据质量评价的指标和方法。",
    body: "## 1 范围\n\n本文件规定数据质量评价。",
    ...over,
  });
const comment = (clause: string, text = "建议补充说明。", extra: Record<string, string> = {}) => commentInputSchema.parse({ clause, comment: text, ...extra });

describe("standard drafts", () => {
  const t = dbForSuite();
  let db: Db;
  let staff: Actor;
  let convenor: Person;
  let editor: Person;
  let editor2: Person;
  let member: Person;
  let outsider: Person;
  let groupId: string;
  const as = (p: Person) => p.actor();

  beforeAll(async () => {
    db = t.db;
    staff = await (await makeUser(db, { role: "secretariat" })).actor();
    convenor = (await makeApprovedOrg(db, staff, { type: "university" })).owner;
    groupId = await createGroup(db, staff, {
      name: `草案测试组${process.pid}`,
      nameEn: null,
      scope: "制定数据质量评价的团体标准。",
      charter: "工作组按联盟章程运作。",
      standardType: "group",
      convenorEmail: convenor.email,
      milestones: [],
    });
    editor = (await makeApprovedOrg(db, staff)).owner;
    editor2 = (await makeApprovedOrg(db, staff)).owner;
    member = (await makeApprovedOrg(db, staff)).owner;
    outsider = (await makeApprovedOrg(db, staff)).owner;
    for (const [p, role] of [
      [editor, "editor"],
      [editor2, "editor"],
      [member, "member"],
    ] as const) {
      await requestToJoin(db, await as(p), groupId, null);
      await decideJoin(db, await as(convenor), groupId, { userId: p.id, decision: "accept", role });
    }
  });

  it("validates the standard number and keeps it unique", async () => {
    expect(draftInputSchema.safeParse({ ...draftInput(), code: "  t/gzdea   003-2026 " }).data?.code).toBe("T/GZDEA 003-2026");
    for (const code of ["GB/T 43697-2024", "DB4401/T 12-2023"]) expect(draftInputSchema.safeParse({ ...draftInput(), code }).success).toBe(true);
    for (const code of ["T-GZDEA-003", "hello", "T/GZDEA 003-26", ""]) expect(draftInputSchema.safeParse({ ...draftInput(), code }).success, code).toBe(false);
    const input = draftInput();
    await expect(createDraft(db, await as(member), groupId, input)).rejects.toMatchObject({ status: 403 });
    await expect(createDraft(db, await as(outsider), groupId, input)).rejects.toMatchObject({ status: 403 });
    await expect(createDraft(db, await as(editor), groupId, { ...input, editorIds: [member.id] })).rejects.toMatchObject({
      status: 400,
      messageKey: "drafts.errors.editorNotInGroup",
    });
    const id = await createDraft(db, await as(editor), groupId, input);
    await expect(createDraft(db, await as(convenor), groupId, input)).rejects.toMatchObject({ status: 409, messageKey: "drafts.errors.codeTaken" });
    const page = await getDraft(db, await as(editor), groupId, id);
    expect(page.draft.stage).toBe("preliminary");
    expect(page.editors.map((e) => e.id)).toEqual([editor.id]);
    expect(page.versions.map((v) => v.number)).toEqual([1]);
    expect((await auditRows(db, id)).map((r) => r.action)).toEqual(["draft.created"]);
  });

  it("moves one step at a time, each step only by the roles that may make it, audited and announced", async () => {
    expect(canMove("drafting", "public_comment", { convenor: false, editor: true })).toBe(true);
    expect(canMove("drafting", "review", { convenor: true, editor: true })).toBe(false);
    expect(canMove("published", "withdrawn", { convenor: true, editor: true })).toBe(false);
    const id = await createDraft(db, await as(editor), groupId, draftInput());
    const move = async (p: Person, to: string, days?: number) => changeStage(db, await as(p), groupId, id, stageInputSchema.parse({ to, days }));
    await expect(move(editor, "proposal")).rejects.toMatchObject({ status: 403, messageKey: "drafts.errors.stageNotYours" });
    await expect(move(member, "proposal")).rejects.toMatchObject({ status: 403 });
    await expect(move(convenor, "drafting")).rejects.toMatchObject({ status: 409, messageKey: "drafts.errors.badTransition" });
    await move(convenor, "proposal");
    await expect(move(editor2, "drafting")).rejects.toMatchObject({ status: 403 }); // an editor, but not of this draft
    await move(editor, "drafting");
    await expect(move(editor, "public_comment", 10)).rejects.toMatchObject({ status: 400, messageKey: "drafts.errors.periodTooShort" });
    await move(editor, "public_comment");
    let d = (await getDraft(db, await as(member), groupId, id)).draft;
    expect((Date.parse(d.commentClosesAt!) - Date.parse(d.commentOpensAt!)) / 86_400_000).toBe(30);
    await expect(move(editor, "review")).rejects.toMatchObject({ status: 403 });
    await move(convenor, "review");
    await expect(move(convenor, "published")).rejects.toMatchObject({ status: 409 });
    await move(convenor, "approval");
    await move(convenor, "published");
    await expect(move(convenor, "withdrawn")).rejects.toMatchObject({ status: 409 });
    d = (await getDraft(db, null, groupId, id)).draft;
    expect(d.stage).toBe("published");
    const audit = (await auditRows(db, id)).filter((r) => r.action === "draft.stage_changed").map((r) => (r.after as { stage: string }).stage);
    expect(audit).toEqual(["proposal", "drafting", "public_comment", "review", "approval", "published"]);
    const notes = await db.selectFrom("notifications").select(["user_id", "payload"]).where("kind", "=", "draft.stage").execute();
    const forDraft = notes.filter((n) => (n.payload as { draftId: string }).draftId === id);
    expect(forDraft.filter((n) => n.user_id === member.id)).toHaveLength(6);
    expect(forDraft.filter((n) => n.user_id === outsider.id)).toHaveLength(0);

    // The convenor may shorten the period; withdrawn from any stage before publication.
    const other = await createDraft(db, await as(editor), groupId, draftInput());
    const step = async (p: Person, to: string, days?: number) => changeStage(db, await as(p), groupId, other, stageInputSchema.parse({ to, days }));
    await step(convenor, "proposal");
    await step(convenor, "drafting");
    await step(convenor, "public_comment", 7);
    const o = (await getDraft(db, await as(convenor), groupId, other)).draft;
    expect(Math.round((Date.parse(o.commentClosesAt!) - Date.parse(o.commentOpensAt!)) / 86_400_000)).toBe(7);
    await expect(step(editor, "withdrawn")).rejects.toMatchObject({ status: 403 });
    await step(convenor, "withdrawn");
    await expect(saveVersion(db, await as(editor), groupId, other, { body: "x", note: null })).rejects.toMatchObject({ status: 409 });
  });

  it("keeps every save as a version and diffs any two of them", async () => {
    const id = await createDraft(db, await as(editor), groupId, draftInput({ body: "第一行\n第二行\n第三行" }));
    await expect(saveVersion(db, await as(member), groupId, id, { body: "改", note: null })).rejects.toMatchObject({ status: 403 });
    await expect(saveVersion(db, await as(editor2), groupId, id, { body: "改", note: null })).rejects.toMatchObject({
      status: 403,
      messageKey: "drafts.errors.notEditor",
    });
    expect(await saveVersion(db, await as(editor), groupId, id, { body: "第一行\n第二行（修改）\n第三行", note: "改第二行" })).toBe(2);
    expect(await saveVersion(db, await as(convenor), groupId, id, { body: "第一行\n第二行（修改）\n第三行\n第四行", note: null })).toBe(3);
    const page = await getDraft(db, await as(member), groupId, id);
    expect(page.versions.map((v) => v.number)).toEqual([3, 2, 1]);
    expect(page.latest?.body).toContain("第四行");
    const diff = await diffVersions(db, await as(member), groupId, id, 1, 3);
    expect(diff.lines).toEqual([
      { kind: "same", text: "第一行" },
      { kind: "removed", text: "第二行" },
      { kind: "added", text: "第二行（修改）" },
      { kind: "same", text: "第三行" },
      { kind: "added", text: "第四行" },
    ]);
    expect([diff.added, diff.removed]).toEqual([2, 1]);
    expect(lineDiff("a\r\nb", "a\nb\n")).toEqual({
      lines: [
        { kind: "same", text: "a" },
        { kind: "same", text: "b" },
      ],
    });
    await expect(diffVersions(db, await as(member), groupId, id, 1, 9)).rejects.toMatchObject({ status: 404 });
    // Before public comment, the draft is the group's own.
    await expect(getDraft(db, await as(outsider), groupId, id)).rejects.toMatchObject({ status: 403 });
    // A visitor is asked to sign in (403), not told the draft does not exist.
    await expect(getDraft(db, null, groupId, id)).rejects.toMatchObject({ status: 403, messageKey: "errors.signInRequired" });
    expect((await listDrafts(db, await as(outsider), groupId)).drafts.map((d) => d.id)).not.toContain(id);
    expect((await auditRows(db, id)).filter((r) => r.action === "draft.version_saved")).toHaveLength(2);
  });

  it("takes comments only while the period is open, from approved members; editors resolve them", async () => {
    const id = await createDraft(db, await as(editor), groupId, draftInput());
    await expect(addComment(db, await as(outsider), groupId, id, comment("5.2"))).rejects.toMatchObject({ status: 403 });
    await changeStage(db, await as(convenor), groupId, id, { to: "proposal", days: null, note: null });
    await changeStage(db, await as(editor), groupId, id, { to: "drafting", days: null, note: null });
    await expect(addComment(db, await as(member), groupId, id, comment("5.2"))).rejects.toMatchObject({
      status: 409,
      messageKey: "drafts.errors.commentClosed",
    });
    await changeStage(db, await as(editor), groupId, id, { to: "public_comment", days: null, note: null });
    const loner = await makeUser(db);
    await expect(addComment(db, await loner.actor(), groupId, id, comment("5.2"))).rejects.toMatchObject({ status: 403 });
    const c10 = await addComment(db, await as(outsider), groupId, id, comment("5.10", "外部单位的意见"));
    const c2 = await addComment(
      db,
      await as(member),
      groupId,
      id,
      comment("5.2", "组内成员的意见", { patentHolder: "某公司", patentNumber: "ZL 2024 1 0000001.1" }),
    );
    const page = await getDraft(db, await as(outsider), groupId, id);
    expect(page.comments.map((c) => c.clause)).toEqual(["5.2", "5.10"]);
    expect(page.patents).toHaveLength(1);
    expect(page.me.canComment).toBe(true);
    expect(page.me.canResolve).toBe(false);

    await expect(resolveComment(db, await as(member), groupId, id, { commentId: c2, resolution: "accepted", reason: "同意" })).rejects.toMatchObject({
      status: 403,
    });
    await expect(resolveComment(db, await as(outsider), groupId, id, { commentId: c2, resolution: "accepted", reason: "同意" })).rejects.toMatchObject({
      status: 403,
    });
    await expect(
      resolveComment(db, await as(editor), groupId, id, { commentId: "00000000-0000-4000-8000-000000000000", resolution: "noted", reason: "备注" }),
    ).rejects.toMatchObject({ status: 404 });
    await resolveComment(db, await as(editor), groupId, id, { commentId: c2, resolution: "accepted_in_part", reason: "部分采纳，调整措辞" });
    await resolveComment(db, await as(convenor), groupId, id, { commentId: c10, resolution: "rejected", reason: "超出本标准范围" });
    const table = await commentTable(db, await as(member), groupId, id);
    expect(table.rows.map((r) => [r.clause, r.resolution])).toEqual([
      ["5.2", "accepted_in_part"],
      ["5.10", "rejected"],
    ]);
    expect(table.rows[0].patents).toEqual(["某公司 ZL 2024 1 0000001.1"]);
    const authorNotes = await db
      .selectFrom("notifications")
      .select("payload")
      .where("user_id", "=", outsider.id)
      .where("kind", "=", "draft.resolution")
      .execute();
    expect(authorNotes.map((n) => (n.payload as { resolution: string }).resolution)).toEqual(["rejected"]);

    // After the period ends, nobody comments any more.
    await db
      .updateTable("drafts")
      .set({ comment_opens_at: new Date(Date.now() - 40 * 86_400_000), comment_closes_at: new Date(Date.now() - 1000) })
      .where("id", "=", id)
      .execute();
    await expect(addComment(db, await as(member), groupId, id, comment("6.1"))).rejects.toMatchObject({
      status: 409,
      messageKey: "drafts.errors.commentClosed",
    });
    // And before it starts.
    await db
      .updateTable("drafts")
      .set({ comment_opens_at: new Date(Date.now() + 86_400_000), comment_closes_at: new Date(Date.now() + 40 * 86_400_000) })
      .where("id", "=", id)
      .execute();
    await expect(addComment(db, await as(member), groupId, id, comment("6.1"))).rejects.toMatchObject({ status: 409 });
    expect((await auditRows(db, id)).filter((r) => r.action === "draft.comment_resolved")).toHaveLength(2);
  });

  it("tells watchers of new versions, stage changes and resolutions", async () => {
    const id = await createDraft(db, await as(editor), groupId, draftInput());
    const watcher = member;
    await setWatch(db, await as(watcher), groupId, id, true);
    await setWatch(db, await as(watcher), groupId, id, true); // twice is once
    await setWatch(db, await as(editor), groupId, id, true);
    await expect(setWatch(db, await as(outsider), groupId, id, true)).rejects.toMatchObject({ status: 403 });
    const kinds = async (userId: string) =>
      (await db.selectFrom("notifications").select(["kind", "payload"]).where("user_id", "=", userId).where("kind", "like", "draft.%").orderBy("id").execute())
        .filter((n) => (n.payload as { draftId: string }).draftId === id)
        .map((n) => n.kind);
    await saveVersion(db, await as(editor), groupId, id, { body: "新的正文", note: null });
    await changeStage(db, await as(convenor), groupId, id, { to: "proposal", days: null, note: null });
    await changeStage(db, await as(editor), groupId, id, { to: "drafting", days: null, note: null });
    await changeStage(db, await as(editor), groupId, id, { to: "public_comment", days: null, note: null });
    const c = await addComment(db, await as(outsider), groupId, id, comment("4"));
    await resolveComment(db, await as(editor), groupId, id, { commentId: c, resolution: "noted", reason: "记录在案" });
    expect(await kinds(watcher.id)).toEqual(["draft.version", "draft.stage", "draft.stage", "draft.stage", "draft.resolution"]);
    // The actor is not told of their own act.
    expect(await kinds(editor.id)).toEqual(["draft.stage"]);
    await setWatch(db, await as(watcher), groupId, id, false);
    await saveVersion(db, await as(editor), groupId, id, { body: "再改", note: null });
    expect((await kinds(watcher.id)).filter((k) => k === "draft.version")).toHaveLength(1);
  });
});
