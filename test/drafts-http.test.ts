import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, seedDemo } from "../db/seed/index";
import { startTestApp, type HttpClient } from "./helpers/app";
import { dbForSuite } from "./helpers/db";
import type { Wire } from "./helpers/wire";

/** The Remix route ids of the drafts pages (test/helpers/app.ts routeIdFor does not map them). */
const LIST = "routes/groups.$id.drafts._index";
const PAGE = "routes/groups.$id.drafts.$draftId._index";

async function act(c: HttpClient, path: string, routeId: string, fields: Record<string, string>) {
  const res = await c.post(`${path}?index&_data=${encodeURIComponent(routeId)}`, fields);
  return { status: res.status, body: (await res.json().catch(() => null)) as Wire, res };
}

describe("drafts over HTTP", () => {
  const t = dbForSuite();
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let groupId: string;
  let drafting: string;
  let commenting: string;
  const as = async (email: string, lang?: string) => {
    const c = app.client(lang);
    await c.signIn(email, DEMO_PASSWORD);
    return c;
  };

  beforeAll(async () => {
    await seedDemo(t.db);
    app = await startTestApp(t.db);
    const g = await t.db.selectFrom("working_groups").select("id").where("name", "=", "数据资产评估标准工作组").executeTakeFirstOrThrow();
    groupId = g.id;
    const rows = await t.db.selectFrom("drafts").select(["id", "code"]).where("group_id", "=", groupId).execute();
    drafting = rows.find((r) => r.code === "T/GZDEA 001-2026")!.id;
    commenting = rows.find((r) => r.code === "T/GZDEA 002-2026")!.id;
  });
  afterAll(async () => {
    await app?.close();
  });

  it("seeds one draft in drafting with 2 versions and one in public comment with 3 comments, 1 resolved", async () => {
    const d = await t.db.selectFrom("drafts").select(["id", "stage"]).where("group_id", "=", groupId).orderBy("code").execute();
    expect(d.map((x) => x.stage)).toEqual(["drafting", "public_comment"]);
    const versions = await t.db.selectFrom("draft_versions").select("number").where("draft_id", "=", drafting).execute();
    expect(versions).toHaveLength(2);
    const comments = await t.db.selectFrom("draft_comments").select("resolution").where("draft_id", "=", commenting).execute();
    expect(comments).toHaveLength(3);
    expect(comments.filter((c) => c.resolution)).toHaveLength(1);
  });

  it("shows the list and the draft page to members, and the drafting text only inside the group", async () => {
    const member = await as("yuecheng-tech@yaosu.demo");
    const list = await member.get(`/groups/${groupId}/drafts`);
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).toContain("T/GZDEA 001-2026");
    expect(html).toContain("T/GZDEA 002-2026");
    const page = await member.get(`/groups/${groupId}/drafts/${drafting}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("数据资产入表");

    const outsider = await as("pearl-capital@yaosu.demo");
    expect((await outsider.get(`/groups/${groupId}/drafts/${drafting}`)).status).toBe(403);
    expect((await outsider.get(`/groups/${groupId}/drafts/${commenting}`)).status).toBe(200);
    const outsiderList = await (await outsider.get(`/groups/${groupId}/drafts`)).text();
    expect(outsiderList).not.toContain("T/GZDEA 001-2026");
    // Public comment is public: a visitor reads the draft, sees it listed, and reads its comment table.
    const visitor = app.client("zh-CN");
    const open = await visitor.get(`/groups/${groupId}/drafts/${commenting}`);
    expect(open.status).toBe(200);
    // In public comment a visitor is offered sign-in to comment, not told the draft is closed.
    const openHtml = await open.text();
    expect(openHtml).toContain("本草案正在公开征求意见，请使用会员账号登录后提交意见。");
    expect(openHtml).toContain(`/login?next=${encodeURIComponent(`/groups/${groupId}/drafts/${commenting}`)}`);
    expect(openHtml).not.toContain("当前不在征求意见期内");
    // The comment period in the reader's way of writing dates, not ISO.
    const period = /data-testid="comment-period">([^<]*)</.exec(openHtml)![1];
    expect(period).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    expect(period).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(await (await visitor.get(`/groups/${groupId}/drafts`)).text()).toContain("T/GZDEA 002-2026");
    expect((await visitor.get(`/groups/${groupId}/drafts/${commenting}/comments`)).status).toBe(200);
    // Earlier stages ask a visitor to sign in, with the way back to the draft.
    const asked = await visitor.get(`/groups/${groupId}/drafts/${drafting}`);
    expect(asked.status).toBe(403);
    expect(await asked.text()).toContain(`/login?next=${encodeURIComponent(`/groups/${groupId}/drafts/${drafting}`)}`);
    expect((await outsider.get(`/groups/${groupId}/drafts/not-a-uuid`)).status).toBe(404);
    expect((await outsider.get(`/groups/${groupId}/drafts/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });

  it("creates drafts for editors only, and answers bad input with 400 in the user's language", async () => {
    const editor = await as("gdri@yaosu.demo", "en");
    const bad = await act(editor, `/groups/${groupId}/drafts`, LIST, { code: "nonsense", title: "", scope: "short" });
    expect(bad.status).toBe(400);
    // The form is on Conform: its reply names each field's mistakes and keeps what was typed.
    expect(bad.body.error.code).toEqual(["Use a standard number such as T/GZDEA 003-2026"]);
    expect(bad.body.error.title).toBeTruthy();
    expect(bad.body.initialValue.code).toBe("nonsense");
    const badEditor = await act(editor, `/groups/${groupId}/drafts`, LIST, {
      code: "T/GZDEA 009-2026",
      title: "测试标准",
      scope: "用于测试的标准范围说明。",
      editorIds: "not-a-uuid",
    });
    expect(badEditor.status).toBe(400);
    expect(Object.entries(badEditor.body.error)).toEqual([["editorIds[0]", ["This value is not valid"]]]);
    const taken = await act(editor, `/groups/${groupId}/drafts`, LIST, { code: "t/gzdea 001-2026", title: "重复编号", scope: "用于测试的标准范围说明。" });
    expect(taken.status).toBe(409);
    const ok = await act(editor, `/groups/${groupId}/drafts`, LIST, {
      code: "T/GZDEA 009-2026",
      title: "测试标准",
      scope: "用于测试的标准范围说明。",
      body: "正文",
    });
    expect(ok.status).toBe(204);
    expect(ok.res.headers.get("x-remix-redirect")).toMatch(new RegExp(`^/groups/${groupId}/drafts/[0-9a-f-]{36}$`));

    const member = await as("yuecheng-tech@yaosu.demo");
    const refused = await act(member, `/groups/${groupId}/drafts`, LIST, { code: "T/GZDEA 010-2026", title: "测试标准", scope: "用于测试的标准范围说明。" });
    expect(refused.status).toBe(403);
    const anon = await app.client().post(`/groups/${groupId}/drafts?index`, { code: "T/GZDEA 011-2026" });
    expect(anon.status).toBe(302);
  });

  it("refuses stage moves by the wrong role, takes comments, lets only editors resolve, and rejects junk", async () => {
    const path = `/groups/${groupId}/drafts/${commenting}`;
    const member = await as("yuecheng-tech@yaosu.demo");
    const editor = await as("gdri@yaosu.demo");
    expect((await act(member, path, PAGE, { intent: "stage", to: "review" })).status).toBe(403);
    expect((await act(editor, path, PAGE, { intent: "stage", to: "review" })).status).toBe(403);
    expect((await act(editor, path, PAGE, { intent: "stage", to: "nowhere" })).status).toBe(400);
    expect((await act(member, path, PAGE, { intent: "bogus" })).status).toBe(400);
    expect((await act(member, path, PAGE, {})).status).toBe(400);
    expect((await act(member, path, PAGE, { intent: "comment", clause: "", comment: "" })).status).toBe(400);
    expect(
      (await act(member, path, PAGE, { intent: "comment", clause: "5.2", comment: "有专利", patentHolder: "某公司" })).body.fieldErrors.patentNumber,
    ).toBeTruthy();
    expect((await act(member, path, PAGE, { intent: "resolve", commentId: "x", resolution: "accepted", reason: "好的" })).status).toBe(400);

    const outsider = await as("pearl-capital@yaosu.demo");
    const tricky = '=HYPERLINK("http://evil"), 见 "5.2"\n第二行';
    const made = await act(outsider, path, PAGE, { intent: "comment", clause: "7.1", comment: tricky, proposedChange: "+1, 调整" });
    expect(made.status).toBe(200);
    const row = await t.db.selectFrom("draft_comments").select("id").where("draft_id", "=", commenting).where("clause", "=", "7.1").executeTakeFirstOrThrow();
    // The same comment again (a resent form) is refused on the field, and nothing is stored twice.
    const again = await act(outsider, path, PAGE, { intent: "comment", clause: "7.1", comment: tricky, proposedChange: "+1, 调整" });
    expect(again.status).toBe(409);
    expect(again.body.fieldErrors.comment).toBe("您已就该条款提交过相同的意见。");
    const twice = await t.db.selectFrom("draft_comments").select("id").where("draft_id", "=", commenting).where("clause", "=", "7.1").execute();
    expect(twice).toHaveLength(1);
    // Posted from the page (no script): a confirmation, and an empty form.
    const page = await outsider.post(path, { intent: "comment", clause: "7.2", comment: "建议补充示例" });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('data-testid="comment-posted"');
    expect(html).not.toContain("建议补充示例</textarea>");
    expect((await act(member, path, PAGE, { intent: "resolve", commentId: row.id, resolution: "accepted", reason: "同意" })).status).toBe(403);
    expect((await act(outsider, path, PAGE, { intent: "resolve", commentId: row.id, resolution: "accepted", reason: "同意" })).status).toBe(403);
    expect((await act(editor, path, PAGE, { intent: "resolve", commentId: row.id, resolution: "maybe", reason: "同意" })).status).toBe(400);
    expect((await act(editor, path, PAGE, { intent: "resolve", commentId: row.id, resolution: "rejected", reason: '不属于本标准, 见 "范围"' })).status).toBe(
      200,
    );

    // The resolution table and its CSV, in the reader's language, escaped for spreadsheets.
    const en = await as("pearl-capital@yaosu.demo", "en");
    // English labels take an English colon, not the full-width one.
    const enPage = await (await en.get(path)).text();
    expect(enPage).toContain("Proposed change<!-- -->: ");
    expect(enPage).not.toContain("Proposed change：");
    const csv = await en.get(`${path}/comments.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM spreadsheets need
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith("\uFEFFNo.,Clause,Comment,Proposed change,Commenter,Organisation,Patent disclosures,Resolution,Reason,Resolved by\r\n")).toBe(true);
    expect(text).toContain(`"'=HYPERLINK(""http://evil""), 见 ""5.2""\n第二行"`);
    expect(text).toContain(`"'+1, 调整"`);
    expect(text).toContain(`Rejected,"不属于本标准, 见 ""范围"""`);
    expect(text).toContain("Accepted in part");
    expect(text.trim().split("\r\n")).toHaveLength(1 + 5);
    const zh = await (await member.get(`${path}/comments.csv`)).text();
    expect(zh.startsWith("序号,章条号,意见内容")).toBe(true);
    expect(zh).toContain("部分采纳");
    const tablePage = await member.get(`${path}/comments`);
    expect(tablePage.status).toBe(200);
    expect(await tablePage.text()).toContain("意见汇总处理表");
    expect((await app.client().get(`/groups/${groupId}/drafts/${drafting}/comments.csv`)).status).toBe(403);
  });

  it("renders a readable diff of two versions and refuses bad version numbers", async () => {
    const member = await as("yuecheng-tech@yaosu.demo");
    const base = `/groups/${groupId}/drafts/${drafting}/diff`;
    const res = await member.get(`${base}?from=1&to=2`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<ins class="dr-add">\+ 3\.3 数据资产入表/);
    expect(html).toMatch(/<del class="dr-del">- 本文件适用于数据资产评估机构开展评估业务。/);
    expect((await member.get(`${base}?from=abc&to=2`)).status).toBe(400);
    expect((await member.get(`${base}?from=1&to=99`)).status).toBe(404);
    expect((await member.get(base)).status).toBe(400);
  });

  it("watching by HTTP brings notifications of new versions", async () => {
    const member = await as("trust-compliance@yaosu.demo");
    const me = await t.db.selectFrom("users").select("id").where("email", "=", "trust-compliance@yaosu.demo").executeTakeFirstOrThrow();
    const path = `/groups/${groupId}/drafts/${drafting}`;
    expect((await act(member, path, PAGE, { intent: "watch", watch: "maybe" })).status).toBe(400);
    expect((await act(member, path, PAGE, { intent: "watch", watch: "on" })).status).toBe(200);
    const editor = await as("gdri@yaosu.demo");
    expect((await act(editor, path, PAGE, { intent: "version", body: "" })).status).toBe(400);
    expect((await act(member, path, PAGE, { intent: "version", body: "成员不能保存" })).status).toBe(403);
    expect((await act(editor, path, PAGE, { intent: "version", body: "## 1 范围\n\n新版本", note: "第三版" })).status).toBe(200);
    const notes = await t.db.selectFrom("notifications").select(["kind", "payload"]).where("user_id", "=", me.id).where("kind", "=", "draft.version").execute();
    expect(notes.map((n) => (n.payload as { number: number }).number)).toEqual([3]);
  });

  it("group members disclose patents on a draft; others and bad input are refused", async () => {
    const path = `/groups/${groupId}/drafts/${drafting}`;
    const member = await as("yuecheng-tech@yaosu.demo");
    expect((await act(member, path, PAGE, { intent: "patent", holder: "粤城智算", number: "" })).status).toBe(400);
    expect(
      (await act(member, path, PAGE, { intent: "patent", holder: "粤城智算", number: "ZL 2025 1 1234567.8", description: "隐私计算估值方法" })).status,
    ).toBe(200);
    const outsider = await as("pearl-capital@yaosu.demo");
    expect((await act(outsider, path, PAGE, { intent: "patent", holder: "某投资", number: "ZL 2025 1 7654321.0" })).status).toBe(403);
    const html = await (await member.get(path)).text();
    expect(html).toContain("ZL 2025 1 1234567.8");
  });
});
