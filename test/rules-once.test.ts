import { describe, expect, it } from "vitest";
import { applyForMembership, reviewApplication } from "../app/models/accounts/organisations.server";
import { canManageOrg, isManagerRole, mayApply, type Actor } from "../app/models/core/permissions";
import { isUuid, uuidParam } from "../app/models/core/params";
import { DEFAULT_MAIL_FROM, mailFrom, senderAddress } from "../app/models/core/mail-sender";
import { getBallot } from "../app/models/standards/ballots.server";
import { getMeeting } from "../app/models/standards/meetings.server";
import { channelJoinSchema, channelMessageSchema } from "../app/models/standards/collab-schema";
import { getOwnProfile } from "../app/models/directory/profiles.server";
import { addComment } from "../app/models/standards/draft-comments.server";
import { changeStage, createDraft, getDraft } from "../app/models/standards/drafts.server";
import { saveVersion } from "../app/models/standards/draft-versions.server";
import { commentWindowOpen, editsDraft, isFinal, minCommentDays, MIN_COMMENT_DAYS, MAX_COMMENT_DAYS } from "../app/models/standards/draft-rules";
import { convenesGroup, createGroup, decideJoin, getGroupHeader, requestToJoin } from "../app/models/standards/groups.server";
import { commentInputSchema, draftInputSchema, stageInputSchema } from "../app/models/standards/draft-schema";
import { appOnFreshDb } from "./helpers/app";
import { PASSWORD, application, makeApprovedOrg, makeUser } from "./helpers/fixtures";

/** Rules that were decided in several places (issue 30), now decided once: each test would have caught a drift. */
describe("rules decided once", () => {
  const t = appOnFreshDb();
  const applyLink = /href="\/apply"/;

  it("a rejected organisation may re-apply: the model lets it, the shell shows it the link and the page shows the form", async () => {
    const secretariat = await (await makeUser(t.db, { role: "secretariat" })).actor();
    const applicant = await makeUser(t.db);
    const orgId = await applyForMembership(t.db, await applicant.actor(), application() as never);
    const c = t.app.client("zh-CN");
    await c.signIn(applicant.email, PASSWORD);
    // Pending: no link, no form.
    expect(mayApply(await applicant.actor())).toBe(false);
    expect(await (await c.get("/home")).text()).not.toMatch(applyLink);
    await reviewApplication(t.db, secretariat, { orgId, decision: "reject", reason: "简介不完整" });
    const rejected = await applicant.actor();
    expect(mayApply(rejected)).toBe(true);
    expect(await (await c.get("/home")).text()).toMatch(applyLink);
    const page = await c.get("/apply");
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/name="nameZh"/);
    // The staff never apply: the shell offers them no link, and the model refuses them at the door.
    const staff = await makeUser(t.db, { role: "moderator" });
    expect(mayApply(await staff.actor())).toBe(false);
    const sc = t.app.client("zh-CN");
    await sc.signIn(staff.email, PASSWORD);
    expect(await (await sc.get("/listings")).text()).not.toMatch(applyLink);
    await expect(applyForMembership(t.db, await staff.actor(), application() as never)).rejects.toMatchObject({ status: 403 });
  });

  it("owners and admins manage an approved organisation, and the profile page is told the same", async () => {
    expect(["owner", "admin", "member"].map((r) => isManagerRole(r as never))).toEqual([true, true, false]);
    const secretariat = await (await makeUser(t.db, { role: "secretariat" })).actor();
    const { orgId, owner } = await makeApprovedOrg(t.db, secretariat);
    const a = await owner.actor();
    expect(canManageOrg(a, orgId)).toBe(true);
    expect((await getOwnProfile(t.db, a)).canEdit).toBe(canManageOrg(a, orgId));
    // A suspended organisation acts as none: nobody manages it.
    const suspended: Actor = { ...a, org: { ...a.org!, suspended: true } };
    expect(canManageOrg(suspended, orgId)).toBe(false);
    expect(canManageOrg({ ...a, org: { ...a.org!, role: "member" } }, orgId)).toBe(false);
  });

  it("one uuid check: a 36-character string of dashes is no ballot, meeting or channel, and a socket hears why in words", async () => {
    const dashes = "-".repeat(36);
    expect(isUuid(dashes)).toBe(false);
    expect(isUuid("0b8a3c2e-5f1d-4c7a-9e2b-1d3f5a7c9e0b")).toBe(true);
    const member = await (await makeUser(t.db)).actor();
    await expect(getBallot(t.db, member, dashes)).rejects.toMatchObject({ status: 404 });
    await expect(getMeeting(t.db, member, dashes)).rejects.toMatchObject({ status: 404 });
    const join = channelJoinSchema.safeParse({ groupId: dashes });
    expect(join.success ? null : join.error.issues[0].message).toBe("v.invalid");
    expect(channelMessageSchema.safeParse({ groupId: "0b8a3c2e-5f1d-4c7a-9e2b-1d3f5a7c9e0b", body: "x", clientId: dashes }).success).toBe(false);
    expect(uuidParam.safeParse("0B8A3C2E-5F1D-4C7A-9E2B-1D3F5A7C9E0B").success).toBe(true);
  });

  it("one default sender: mail and calendar files come from the same address", () => {
    expect(mailFrom(undefined)).toBe(DEFAULT_MAIL_FROM);
    expect(mailFrom("")).toBe(DEFAULT_MAIL_FROM);
    expect(DEFAULT_MAIL_FROM).toContain(`<${senderAddress(mailFrom(undefined))}>`);
    expect(senderAddress("联盟 <office@alliance.example>")).toBe("office@alliance.example");
    expect(senderAddress("office@alliance.example")).toBe("office@alliance.example");
    expect(senderAddress("not an address")).toBe(senderAddress(DEFAULT_MAIL_FROM));
  });

  describe("the rules of a draft", () => {
    let n = 0;
    const draft = () =>
      draftInputSchema.parse({
        code: `T/RULE ${String(++n).padStart(3, "0")}-2026`,
        title: "规则一致性 测试草案",
        scope: "用于检验页面与模型对草案规则的判断一致。",
        body: "## 1 范围\n\n本文件用于测试。",
      });
    async function setting() {
      const staff = await (await makeUser(t.db, { role: "secretariat" })).actor();
      const convenor = (await makeApprovedOrg(t.db, staff)).owner;
      const groupId = await createGroup(t.db, staff, {
        name: `规则组${process.pid}-${++n}`,
        nameEn: null,
        scope: "检验草案规则只在模型中判断一次。",
        charter: "工作组按联盟章程运作。",
        standardType: "group",
        convenorEmail: convenor.email,
        milestones: [],
      });
      const join = async (role: "editor" | "member") => {
        const p = (await makeApprovedOrg(t.db, staff)).owner;
        await requestToJoin(t.db, await p.actor(), groupId, null);
        await decideJoin(t.db, await convenor.actor(), groupId, { userId: p.id, decision: "accept", role });
        return p;
      };
      return { staff, convenor, groupId, editor: await join("editor"), unlisted: await join("editor"), member: await join("member") };
    }

    it("the comment window: the page's canComment and the model's refusal agree at both edges", async () => {
      const opens = new Date("2026-03-01T00:00:00Z");
      const closes = new Date("2026-03-31T00:00:00Z");
      const d = { stage: "public_comment" as const, comment_opens_at: opens, comment_closes_at: closes };
      expect(commentWindowOpen(d, opens.getTime() - 1)).toBe(false);
      expect(commentWindowOpen(d, opens.getTime())).toBe(true);
      expect(commentWindowOpen(d, closes.getTime() - 1)).toBe(true);
      expect(commentWindowOpen(d, closes.getTime())).toBe(false);
      expect(commentWindowOpen({ ...d, stage: "review" }, opens.getTime())).toBe(false);

      const s = await setting();
      const id = await createDraft(t.db, await s.editor.actor(), s.groupId, { ...draft(), editorIds: [] });
      await changeStage(t.db, await s.convenor.actor(), s.groupId, id, stageInputSchema.parse({ to: "proposal" }));
      await changeStage(t.db, await s.editor.actor(), s.groupId, id, stageInputSchema.parse({ to: "drafting" }));
      await changeStage(t.db, await s.editor.actor(), s.groupId, id, stageInputSchema.parse({ to: "public_comment" }));
      const commenter = await s.member.actor();
      const comment = commentInputSchema.parse({ clause: "1", comment: "建议补充说明。" });
      expect((await getDraft(t.db, commenter, s.groupId, id)).me.canComment).toBe(true);
      await addComment(t.db, commenter, s.groupId, id, comment);
      // Closed a moment ago: the page stops offering the form exactly when the model starts refusing.
      await t.db
        .updateTable("drafts")
        .set({ comment_opens_at: new Date(Date.now() - 86_400_000), comment_closes_at: new Date(Date.now() - 1000) })
        .where("id", "=", id)
        .execute();
      const page = await getDraft(t.db, commenter, s.groupId, id);
      expect([page.commentOpen, page.me.canComment]).toEqual([false, false]);
      await expect(addComment(t.db, commenter, s.groupId, id, comment)).rejects.toMatchObject({ status: 409, messageKey: "drafts.errors.commentClosed" });
    });

    it("who convenes: the group header and the draft page say the same for the secretariat, a convenor, an editor and a pending convenor", async () => {
      const s = await setting();
      const id = await createDraft(t.db, await s.editor.actor(), s.groupId, { ...draft(), editorIds: [] });
      for (const [who, expected] of [
        [s.staff, true],
        [await s.convenor.actor(), true],
        [await s.editor.actor(), false],
        [await s.member.actor(), false],
      ] as const) {
        const header = await getGroupHeader(t.db, who, s.groupId);
        const page = await getDraft(t.db, who, s.groupId, id);
        expect([header.convenes, page.me.isConvenor]).toEqual([expected, expected]);
      }
      expect(convenesGroup(null, { role: "convenor", status: "pending" })).toBe(false);
      expect(convenesGroup(null, { role: "convenor", status: "active" })).toBe(true);
    });

    it("who edits a draft: the page's isEditor and the model's refusal agree for a listed and an unlisted group editor", async () => {
      expect(editsDraft({ convenor: false, role: "editor", listed: false })).toBe(false);
      expect(editsDraft({ convenor: false, role: "member", listed: true })).toBe(false);
      expect(editsDraft({ convenor: true, role: null, listed: false })).toBe(true);
      const s = await setting();
      const id = await createDraft(t.db, await s.editor.actor(), s.groupId, { ...draft(), editorIds: [] });
      const listed = await s.editor.actor();
      const unlisted = await s.unlisted.actor();
      expect((await getDraft(t.db, listed, s.groupId, id)).me.isEditor).toBe(true);
      expect((await getDraft(t.db, unlisted, s.groupId, id)).me.isEditor).toBe(false);
      expect((await getDraft(t.db, unlisted, s.groupId, id)).me.canSaveVersion).toBe(false);
      await expect(saveVersion(t.db, unlisted, s.groupId, id, { body: "改写。", note: null })).rejects.toMatchObject({ status: 403 });
      expect(await saveVersion(t.db, listed, s.groupId, id, { body: "改写。", note: null })).toBe(2);
      await changeStage(t.db, await s.convenor.actor(), s.groupId, id, stageInputSchema.parse({ to: "proposal" }));
      expect((await getDraft(t.db, unlisted, s.groupId, id)).me.moves).toEqual([]);
      await expect(changeStage(t.db, unlisted, s.groupId, id, stageInputSchema.parse({ to: "drafting" }))).rejects.toMatchObject({ status: 403 });
    });

    it("final drafts and the 30-day minimum: the draft page shows what the model decides", async () => {
      expect([isFinal("published"), isFinal("withdrawn"), isFinal("approval")]).toEqual([true, true, false]);
      expect([minCommentDays(false), minCommentDays(true)]).toEqual([MIN_COMMENT_DAYS, 1]);
      const s = await setting();
      const id = await createDraft(t.db, await s.editor.actor(), s.groupId, { ...draft(), editorIds: [] });
      await changeStage(t.db, await s.convenor.actor(), s.groupId, id, stageInputSchema.parse({ to: "proposal" }));
      await changeStage(t.db, await s.editor.actor(), s.groupId, id, stageInputSchema.parse({ to: "drafting" }));
      const path = `/groups/${s.groupId}/drafts/${id}`;
      const daysInput = (html: string) => html.match(/<input[^>]*name="days"[^>]*>/)?.[0] ?? "";
      const editor = t.app.client("zh-CN");
      await editor.signIn(s.editor.email, PASSWORD);
      const editorInput = daysInput(await (await editor.get(path)).text());
      expect(editorInput).toContain(`min="${MIN_COMMENT_DAYS}"`);
      expect(editorInput).toContain(`max="${MAX_COMMENT_DAYS}"`);
      expect(editorInput).toContain(`value="${MIN_COMMENT_DAYS}"`);
      const convenor = t.app.client("zh-CN");
      await convenor.signIn(s.convenor.email, PASSWORD);
      expect(daysInput(await (await convenor.get(path)).text())).toContain(`min="1"`);
      await expect(
        changeStage(t.db, await s.editor.actor(), s.groupId, id, stageInputSchema.parse({ to: "public_comment", days: String(MIN_COMMENT_DAYS - 1) })),
      ).rejects.toMatchObject({ status: 400, messageKey: "drafts.errors.periodTooShort" });
      // Withdrawn is final: the convenor's page no longer offers a new version, and the model refuses one.
      await changeStage(t.db, await s.convenor.actor(), s.groupId, id, stageInputSchema.parse({ to: "withdrawn" }));
      const page = await getDraft(t.db, await s.convenor.actor(), s.groupId, id);
      expect([page.me.canSaveVersion, page.me.canResolve, page.me.moves]).toEqual([false, false, []]);
      expect(await (await convenor.get(path)).text()).not.toContain('data-testid="version-form"');
      await expect(saveVersion(t.db, await s.convenor.actor(), s.groupId, id, { body: "再改。", note: null })).rejects.toMatchObject({
        status: 409,
        messageKey: "drafts.errors.final",
      });
    });
  });
});
