import { beforeAll, describe, expect, it } from "vitest";
import { verifyEmail } from "../app/models/accounts/email-verification.server";
import { inviteMember, listMyInvitations } from "../app/models/accounts/organisations.server";
import { appOnFreshDb } from "./helpers/app";
import { PASSWORD, makeApprovedOrg, makeUser, uniqueEmail } from "./helpers/fixtures";
import { lastMail, linkIn } from "./helpers/mail";

describe("inviting tells the inviter nothing about who already has an account or a seat", () => {
  const t = appOnFreshDb();
  let orgId = "";
  let managerEmail = "";
  let seatedEmail = "";
  beforeAll(async () => {
    const staff = await makeUser(t.db, { role: "secretariat" });
    const mine = await makeApprovedOrg(t.db, await staff.actor());
    orgId = mine.orgId;
    managerEmail = mine.owner.email;
    seatedEmail = (await makeApprovedOrg(t.db, await staff.actor())).owner.email;
  });

  it("an address of another member organisation gets the same 200 as an unknown one, and no invitation mail", async () => {
    const c = t.app.client("en");
    await c.signIn(managerEmail, PASSWORD);
    const stranger = uniqueEmail("outsider");
    const seated = await c.postData(`/orgs/${orgId}`, { intent: "invite", email: seatedEmail, role: "member" });
    const unknown = await c.postData(`/orgs/${orgId}`, { intent: "invite", email: stranger, role: "member" });
    expect(seated.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(seated.body).toEqual(unknown.body);
    // The inviter's list shows both alike, pending.
    const page = await (await c.get(`/orgs/${orgId}`)).text();
    expect(page).toContain(seatedEmail);
    expect(page).toContain(stranger);
    // The stranger is mailed a link; the seated member, who cannot take a second seat, is not.
    expect(await lastMail(t.db, stranger, "invitation")).toBeDefined();
    expect(await lastMail(t.db, seatedEmail, "invitation")).toBeUndefined();
  });

  it("an unconfirmed account sees no invitation to its unproven address, and sees it once the address is confirmed", async () => {
    const c = t.app.client("en");
    await c.signIn(managerEmail, PASSWORD);
    const unconfirmed = await makeUser(t.db, { verified: false });
    expect((await c.postData(`/orgs/${orgId}`, { intent: "invite", email: unconfirmed.email, role: "member" })).status).toBe(200);

    expect(await listMyInvitations(t.db, await unconfirmed.actor())).toEqual([]);
    const notes = await t.db
      .selectFrom("notifications")
      .select("kind")
      .where("user_id", "=", (await unconfirmed.actor()).id)
      .execute();
    expect(notes.map((n) => n.kind)).not.toContain("invitation.received");
    const u = t.app.client("en");
    await u.signIn(unconfirmed.email, PASSWORD);
    const home = await u.get("/home");
    expect(home.status).toBe(200);
    expect(await home.text()).not.toContain("invites you to join");

    // The link in the confirmation mail proves the address: now the invitation shows.
    await verifyEmail(t.db, linkIn((await lastMail(t.db, unconfirmed.email, "verify_email"))!.text_body).token);
    expect(await listMyInvitations(t.db, await unconfirmed.actor())).toHaveLength(1);
  });

  it("the model answers alike too (the JSON API and scripts share it)", async () => {
    const staff = await makeUser(t.db, { role: "secretariat" });
    const { orgId: other, owner } = await makeApprovedOrg(t.db, await staff.actor());
    const manager = await owner.actor();
    await expect(inviteMember(t.db, manager, other, { email: seatedEmail, role: "member" })).resolves.toMatch(/^[0-9a-f-]{36}$/);
  });
});
