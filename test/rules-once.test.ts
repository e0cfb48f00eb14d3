import { describe, expect, it } from "vitest";
import { applyForMembership, reviewApplication } from "../app/models/accounts/organisations.server";
import { canManageOrg, isManagerRole, mayApply, type Actor } from "../app/models/core/permissions";
import { isUuid, uuidParam } from "../app/models/core/params";
import { DEFAULT_MAIL_FROM, mailFrom, senderAddress } from "../app/models/core/mail-sender";
import { getBallot } from "../app/models/standards/ballots.server";
import { getMeeting } from "../app/models/standards/meetings.server";
import { channelJoinSchema, channelMessageSchema } from "../app/models/standards/collab-schema";
import { getOwnProfile } from "../app/models/directory/profiles.server";
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
});
