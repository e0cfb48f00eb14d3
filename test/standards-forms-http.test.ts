import { describe, expect, it } from "vitest";
import { getT, translateKey } from "../app/i18n";
import { appOnFreshDb } from "./helpers/app";
import { createGroup } from "../app/models/standards/groups.server";
import { PASSWORD, makeApprovedOrg, makeUser } from "./helpers/fixtures";

type Reply = { status?: string; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> };

/** The standards forms on Conform (issue 30): one schema each, refusals in the reader's language, the form kept. */
describe("standards forms over HTTP", () => {
  const t = appOnFreshDb();

  it("the new-group form names each mistake in the reader's language, keeps what was typed, and creates the group", async () => {
    const staffUser = await makeUser(t.db, { role: "secretariat" });
    const { owner } = await makeApprovedOrg(t.db, await staffUser.actor());
    // One sign-in (a two-factor code works once); the language cookie switches between the three.
    const c = t.app.client("zh-CN");
    await c.signIn(staffUser.email, PASSWORD);
    for (const locale of ["zh-Hans", "zh-Hant", "en"] as const) {
      const tr = (key: string) => translateKey(getT(locale), key);
      await c.post("/lang", { locale, returnTo: "/groups/new" });
      const refused = await c.postData("/groups/new", {
        name: "数据质量工作组",
        scope: "短",
        charter: "工作组按联盟章程运作。",
        standardType: "",
        convenorEmail: "not-an-email",
        milestones: "立项 | 2026-13",
      });
      expect(refused.status).toBe(400);
      const reply = refused.body as Reply;
      expect(reply.status).toBe("error");
      expect(reply.error?.scope).toEqual([tr("v.tooShort.10")]);
      expect(reply.error?.standardType).toEqual([tr("v.choose")]);
      expect(reply.error?.convenorEmail).toEqual([tr("v.email")]);
      expect(reply.error?.milestones).toEqual([tr("v.date")]);
      expect(reply.initialValue?.name).toBe("数据质量工作组");
    }
    const created = await c.post("/groups/new", {
      name: `数据质量工作组${process.pid}`,
      scope: "制定数据质量评价的团体标准。",
      charter: "工作组按联盟章程运作。",
      standardType: "group",
      convenorEmail: owner.email.toUpperCase(),
      milestones: "立项 | 2026-12-31\n发布 | 2027-06-30",
    });
    expect(created.status).toBe(302);
    const id = created.headers.get("location")!.split("/").pop()!;
    const group = await t.db.selectFrom("working_groups").select(["milestones", "standard_type"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(group.standard_type).toBe("group");
    expect(group.milestones).toEqual([
      { label: "立项", due: "2026-12-31" },
      { label: "发布", due: "2027-06-30" },
    ]);
    // The page renders the Conform form: the fields by name, nothing preselected.
    const page = await (await c.get("/groups/new")).text();
    for (const name of ["name", "nameEn", "standardType", "convenorEmail", "scope", "charter", "milestones"]) expect(page).toContain(`name="${name}"`);
  });

  it("the new-ballot and new-meeting forms answer with each field's mistake in the reader's language, and create what is right", async () => {
    const staff = await (await makeUser(t.db, { role: "secretariat" })).actor();
    const { owner } = await makeApprovedOrg(t.db, staff);
    const groupId = await createGroup(t.db, staff, {
      name: `表单组${process.pid}`,
      nameEn: null,
      scope: "检验投票与会议表单。",
      charter: "工作组按联盟章程运作。",
      standardType: "group",
      convenorEmail: owner.email,
      milestones: [],
    });
    const c = t.app.client("en");
    await c.signIn(owner.email, PASSWORD);
    const en = (key: string) => translateKey(getT("en"), key);
    const data = async (what: "ballots" | "meetings", fields: Record<string, string>) => {
      const res = await c.post(`/groups/${groupId}/${what}?index&_data=${encodeURIComponent(`routes/groups.$id.${what}._index`)}`, fields);
      return { status: res.status, body: (await res.json()) as { error: Record<string, string[]>; initialValue: Record<string, string> } };
    };
    const ballot = await data("ballots", { intent: "create", title: "", closesAt: "tomorrow", approval: "0/3" });
    expect(ballot.status).toBe(400);
    expect(ballot.body.error.title).toEqual([en("v.required")]);
    expect(ballot.body.error.closesAt).toEqual([en("collab.errors.dateTime")]);
    const meeting = await data("meetings", {
      intent: "create",
      title: "第一次全体会议",
      startsAt: "2030-05-01T10:00",
      endsAt: "2030-05-01T09:00",
      timeZone: "Asia/Shanghai",
    });
    expect(meeting.status).toBe(400);
    expect(meeting.body.error.endsAt).toEqual([en("collab.errors.endBeforeStart")]);
    expect(meeting.body.error.place).toEqual([en("collab.errors.where")]);
    expect(meeting.body.initialValue.title).toBe("第一次全体会议");
    const called = await c.post(`/groups/${groupId}/meetings?index`, {
      intent: "create",
      title: "第一次全体会议",
      startsAt: "2030-05-01T10:00",
      endsAt: "2030-05-01T12:00",
      timeZone: "Asia/Shanghai",
      place: "南沙 会议室 A",
    });
    expect(called.status).toBe(302);
    // The meeting page: minutes with too many decisions are refused on that field; attendance marks count.
    const meetingPath = called.headers.get("location")!;
    const minute = async (fields: Record<string, string>) => {
      const res = await c.post(`${meetingPath}?_data=${encodeURIComponent("routes/groups.$id.meetings.$meetingId")}`, fields);
      return { status: res.status, body: (await res.json()) as { status: string; error?: Record<string, string[]>; initialValue?: Record<string, string> } };
    };
    const tooMany = await minute({ intent: "minutes", minutes: "纪要", decisions: Array.from({ length: 51 }, (_, i) => `决定 ${i}`).join("\n") });
    expect([tooMany.status, tooMany.body.error?.decisions]).toEqual([400, [translateKey(getT("en"), "v.tooMany.50")]]);
    expect(tooMany.body.initialValue?.minutes).toBe("纪要");
    expect((await minute({ intent: "adjourn" })).status).toBe(400);
    expect((await minute({ intent: "minutes", minutes: "## 纪要\n\n通过立项。", decisions: "立项" })).body.status).toBe("success");
    expect((await minute({ intent: "attendance", attended: "yes" })).body.status).toBe("success");
    const meetingRow = await t.db.selectFrom("meetings").select(["minutes", "decisions"]).where("group_id", "=", groupId).executeTakeFirstOrThrow();
    expect(meetingRow.minutes).toContain("通过立项");
    const opened = await c.post(`/groups/${groupId}/ballots?index`, { intent: "create", title: "立项投票", closesAt: "2030-05-02T10:00" });
    expect(opened.status).toBe(302);
    const row = await t.db.selectFrom("ballots").select(["quorum_num", "quorum_den"]).where("group_id", "=", groupId).executeTakeFirstOrThrow();
    expect([row.quorum_num, row.quorum_den]).toEqual([2, 3]);
    // The ballot page: a vote without a choice is asked for one; a move that is none is refused; a vote counts.
    const ballotPath = opened.headers.get("location")!;
    const move = async (fields: Record<string, string>) => {
      const res = await c.post(`${ballotPath}?_data=${encodeURIComponent("routes/groups.$id.ballots.$ballotId")}`, fields);
      return { status: res.status, body: (await res.json()) as { status: string; error?: Record<string, string[]> } };
    };
    const noChoice = await move({ intent: "vote", comment: "同意" });
    expect([noChoice.status, noChoice.body.error?.choice]).toEqual([400, [en("v.choose")]]);
    expect((await move({ intent: "recount" })).status).toBe(400);
    expect((await move({ intent: "vote", choice: "yes" })).body.status).toBe("success");
    expect((await move({ intent: "close" })).status).toBe(200);
    expect((await t.db.selectFrom("ballots").select("status").where("group_id", "=", groupId).executeTakeFirstOrThrow()).status).toBe("closed");
    // The pages offer the defaults the schema would take.
    const page = await (await c.get(`/groups/${groupId}/ballots`)).text();
    expect(page).toMatch(/name="quorum"[^>]*value="2\/3"|value="2\/3"[^>]*name="quorum"/);
    expect(await (await c.get(`/groups/${groupId}/meetings`)).text()).toMatch(
      /name="timeZone"[^>]*value="Asia\/Shanghai"|value="Asia\/Shanghai"[^>]*name="timeZone"/,
    );
  });
});
