import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import type { Actor } from "../app/models/core/permissions";
import { profileInputSchema } from "../app/models/directory/profile-schema";
import { updateProfile } from "../app/models/directory/profiles.server";
import { INTRO_DAILY_LIMIT } from "../app/models/directory/introductions.server";
import { dbForSuite } from "./helpers/db";
import { startTestApp, type HttpClient } from "./helpers/app";
import { PASSWORD, makeApprovedOrg, makeUser } from "./helpers/fixtures";
import type { Wire } from "./helpers/wire";

const SECRET = "募资用途仅限投资机构XYZ";
const MEMBERS_ONLY = "团队介绍仅限会员ABC";

describe("profiles over HTTP", () => {
  const t = dbForSuite();
  let db: Db;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let staff: Actor;
  let entOrg: string;
  let ent: { email: string; actor: () => Promise<Actor> };
  let investor: { email: string; actor: () => Promise<Actor> };
  let user: { email: string };
  beforeAll(async () => {
    db = t.db;
    staff = await (await makeUser(db, { role: "secretariat" })).actor();
    const e = await makeApprovedOrg(db, staff, { type: "enterprise", contactEmail: "ent-contact@example.test" });
    entOrg = e.orgId;
    ent = e.owner;
    investor = (await makeApprovedOrg(db, staff, { type: "investor", contactEmail: "vc-contact@example.test" })).owner;
    user = (await makeApprovedOrg(db, staff, { type: "user" })).owner;
    await updateProfile(
      db,
      await ent.actor(),
      profileInputSchema.parse({
        introduction: "一家数据企业",
        businessScope: MEMBERS_ONLY,
        sectors: ["transport"],
        dcmmLevel: 3,
        financingSought: true,
        financingMax: 800,
        financingUse: SECRET,
        visibility: { businessScope: "members", financing: "investors" },
      }),
    );
    app = await startTestApp(db);
  });
  afterAll(async () => {
    await app.close();
  });

  async function signedIn(who: { email: string }, lang = "en"): Promise<HttpClient> {
    const c = app.client(lang);
    await c.signIn(who.email, PASSWORD);
    return c;
  }
  const profileData = (c: HttpClient) => c.get(`/enterprises/${entOrg}?_data=${encodeURIComponent("routes/enterprises.$orgId")}`);
  const postProfile = async (c: HttpClient, fields: Record<string, string>) => {
    const res = await c.post(`/enterprises/${entOrg}?_data=${encodeURIComponent("routes/enterprises.$orgId")}`, fields);
    return { status: res.status, body: (await res.json().catch(() => null)) as Wire };
  };

  it("investors-only values never reach a non-investor, members-only values never reach a visitor (page and loader data)", async () => {
    const inv = await signedIn(investor);
    const invHtml = await (await inv.get(`/enterprises/${entOrg}`)).text();
    expect(invHtml).toContain(SECRET);
    expect(invHtml).toContain(MEMBERS_ONLY);

    const member = await signedIn(user);
    const memberRes = await profileData(member);
    expect(memberRes.status).toBe(200);
    const memberData = await memberRes.text();
    expect(memberData).not.toContain(SECRET);
    expect(memberData).toContain(MEMBERS_ONLY);
    const memberHtml = await (await member.get(`/enterprises/${entOrg}`)).text();
    expect(memberHtml).not.toContain(SECRET);
    expect(memberHtml).toContain("Visible to investors");

    const anon = app.client("en");
    const anonHtml = await (await anon.get(`/enterprises/${entOrg}`)).text();
    expect(anonHtml).not.toContain(SECRET);
    expect(anonHtml).not.toContain(MEMBERS_ONLY);
    expect(await (await profileData(anon)).text()).not.toContain(MEMBERS_ONLY);
    // The directory obeys the same rule.
    const list = await (await anon.get(`/enterprises?sector=transport&dcmm=3`)).text();
    expect(list).toContain("一家数据企业");
    expect(list).not.toContain(SECRET);
    expect(await (await member.get(`/enterprises?financing=yes`)).text()).toContain("No organisation matches these filters.");
    expect(await (await inv.get(`/enterprises?financing=yes`)).text()).toContain("一家数据企业");
  });

  it("bad input is a 400 with field messages, never a 500", async () => {
    const owner = await signedIn(ent);
    const bad = await owner.postData("/profile", { dcmmLevel: "9", teamSize: "huge", introduction: "x".repeat(5000), financingMin: "500" });
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors).toMatchObject({
      dcmmLevel: "Choose a DCMM level from 1 to 5",
      teamSize: "Choose one of the options",
      introduction: "At most 4000 characters",
    });
    expect(bad.body.values.financingMin).toBe("500");
    const range = await owner.postData("/profile", { financingSought: "yes", financingMin: "500", financingMax: "100" });
    expect(range.status).toBe(400);
    expect(range.body.fieldErrors).toEqual({
      financingMax: "The upper amount cannot be below the lower one",
      financingUse: "Say what the funds are for",
    });
    const ok = await owner.postData("/profile", { introduction: "更新后的简介", sectors: "transport", dcmmLevel: "3", vis_introduction: "public" });
    expect(ok.status).toBe(200);
    const page = await (await owner.get("/profile")).text();
    expect(page).toContain("更新后的简介");
    expect(page).toMatch(/Profile \d+% complete/);

    const inv = await signedIn(investor);
    const empty = await postProfile(inv, { intent: "introduce", message: "" });
    expect(empty.status).toBe(400);
    expect(empty.body.fieldErrors.message).toBe("This field is required");
    expect((await postProfile(inv, { intent: "nonsense" })).status).toBe(400);
    expect((await app.client().get(`/enterprises/not-a-uuid`)).status).toBe(404);
    expect((await app.client().get(`/enterprises/00000000-0000-0000-0000-000000000000`)).status).toBe(404);
    const garbage = await inv.postData("/introductions", { intent: "accept", id: "nope" });
    expect(garbage.status).toBe(400);
    const invProfile = await inv.postData("/investors/profile", { focusSectors: "moon", ticketMin: "-1" });
    expect(invProfile.status).toBe(400);
    expect(invProfile.body.fieldErrors.stages).toBe("Choose at least one");
  });

  it("introduction over HTTP: only investors ask, the enterprise accepts, contacts appear on both sides", async () => {
    const member = await signedIn(user);
    const refused = await postProfile(member, { intent: "introduce", message: "我们不是投资机构但想对接。" });
    expect(refused.status).toBe(403);
    expect(refused.body.formError).toBe("Only investor organisations can do this");
    expect((await postProfile(member, { intent: "watch", note: "x" })).status).toBe(403);

    const inv = await signedIn(investor);
    expect((await postProfile(inv, { intent: "watch", note: "私密备注内容" })).status).toBe(200);
    expect(await (await inv.get("/watchlist")).text()).toContain("私密备注内容");
    expect(await (await member.get("/watchlist")).text()).not.toContain("私密备注内容");
    const sent = await postProfile(inv, { intent: "introduce", message: "您好，希望了解贵司的融资计划。" });
    expect(sent.status).toBe(200);
    const again = await postProfile(inv, { intent: "introduce", message: "您好，希望了解贵司的融资计划。" });
    expect(again.status).toBe(409);
    expect(again.body.formError).toBe("Your organisation already has an open request to this organisation");

    const before = await (await inv.get("/introductions")).text();
    expect(before).not.toContain("ent-contact@example.test");
    const owner = await signedIn(ent);
    const incoming = await (await owner.get("/introductions")).text();
    expect(incoming).not.toContain("vc-contact@example.test");
    const row = await db.selectFrom("introductions").select("id").where("target_org_id", "=", entOrg).executeTakeFirstOrThrow();
    const answered = await owner.postData("/introductions", { intent: "accept", id: row.id });
    expect(answered.status).toBe(200);
    expect(await (await owner.get("/introductions")).text()).toContain("vc-contact@example.test");
    expect(await (await inv.get("/introductions")).text()).toContain("ent-contact@example.test");
    const twice = await owner.postData("/introductions", { intent: "decline", id: row.id });
    expect(twice.status).toBe(409);
  });

  it("the daily limit answers 429 with a clear message", async () => {
    const vc = await makeApprovedOrg(db, staff, { type: "investor" });
    const c = await signedIn(vc.owner);
    let last = { status: 0, body: null as Wire };
    for (let i = 0; i <= INTRO_DAILY_LIMIT; i++) {
      const target = (await makeApprovedOrg(db, staff, { type: "enterprise" })).orgId;
      const res = await c.post(`/enterprises/${target}?_data=${encodeURIComponent("routes/enterprises.$orgId")}`, {
        intent: "introduce",
        message: "批量对接请求测试内容。",
      });
      last = { status: res.status, body: await res.json() };
    }
    expect(last.status).toBe(429);
    expect(last.body.formError).toBe(`Your organisation has sent ${INTRO_DAILY_LIMIT} introduction requests in the last 24 hours; try again later`);
  });

  it("every page renders for its audience with empty states", async () => {
    const anon = app.client("en");
    expect((await anon.get("/providers")).status).toBe(200);
    expect((await anon.get("/watchlist")).status).toBe(302);
    const fresh = await signedIn((await makeApprovedOrg(db, staff, { type: "investor" })).owner);
    expect(await (await fresh.get("/watchlist")).text()).toContain("Your watchlist is empty");
    expect(await (await fresh.get("/introductions")).text()).toContain("You have not requested any introductions.");
    expect((await fresh.get("/profile")).headers.get("location")).toBe("/investors/profile");
    expect((await fresh.get("/investors/profile")).status).toBe(200);
    const member = await signedIn(user);
    expect(await (await member.get("/profile")).text()).toContain("Profiles are for enterprises and service providers");
    expect(await (await member.get("/investors/profile")).text()).toContain("The investor profile is for investor organisations.");
    expect(await (await anon.get("/providers?service=custody")).text()).toContain("No service provider offers this service yet.");
  });
});
