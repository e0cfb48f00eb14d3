import { describe, expect, it } from "vitest";
import { getT, translateKey } from "../app/i18n";
import { appOnFreshDb } from "./helpers/app";
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
});
