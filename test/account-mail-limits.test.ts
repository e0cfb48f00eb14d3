import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import { resendVerification } from "../app/models/accounts/email-verification.server";
import { ACCOUNT_MAILS_PER_DAY } from "../app/models/accounts/mail-limits.server";
import { inviteMember, revokeInvitation } from "../app/models/accounts/organisations.server";
import { requestPasswordReset } from "../app/models/accounts/password-reset.server";
import { signUp } from "../app/models/accounts/users.server";
import { loadActor } from "../app/models/accounts/auth.server";
import { noMailer } from "../app/models/accounts/mail.server";
import { LIMITS } from "../app/models/core/rate-limit.server";
import type { Actor } from "../app/models/core/permissions";
import { dbForSuite } from "./helpers/db";
import { PASSWORD, makeApprovedOrg, makeUser, uniqueEmail } from "./helpers/fixtures";

const links = { origin: "http://test.invalid", locale: "en" as const };
const LURE = "Urgent: wire 5000 to http://evil.example now";

async function mailsTo(db: Db, to: string, kind: string) {
  return db.selectFrom("mail_outbox").select(["text_body", "html_body"]).where("to_email", "=", to).where("kind", "=", kind).execute();
}

describe("mail strangers can make us send", () => {
  const t = dbForSuite();
  let db: Db;
  let secretariat: Actor;
  beforeAll(async () => {
    db = t.db;
    secretariat = await (await makeUser(db, { role: "secretariat" })).actor();
  });

  it("twelve sign-ups with a member's address from twelve source addresses send the member three notes, and each answer is the same", async () => {
    const member = await makeUser(db);
    for (let i = 0; i < 12; i++) {
      await expect(signUp(db, { email: member.email, displayName: "x", password: PASSWORD }, links, noMailer, `203.0.113.${i}`)).resolves.toBeNull();
    }
    expect(await mailsTo(db, member.email, "already_registered")).toHaveLength(ACCOUNT_MAILS_PER_DAY.already_registered);
    // Those notes used their own allowance: the owner still gets a reset link.
    await requestPasswordReset(db, member.email, links);
    expect(await mailsTo(db, member.email, "reset_password")).toHaveLength(1);
  });

  it("reset mails to one address stop after the daily allowance, whatever the requesting IP, with the same quiet answer", async () => {
    const member = await makeUser(db);
    // Each IP and hour has its own limit; the daily allowance per address holds across them.
    for (let i = 0; i < ACCOUNT_MAILS_PER_DAY.reset_password + 4; i++) {
      await db.deleteFrom("rate_limits").where("key", "like", "reset:email:%").execute();
      await expect(requestPasswordReset(db, member.email, links, noMailer, `198.51.100.${i}`)).resolves.toBeUndefined();
    }
    expect(await mailsTo(db, member.email, "reset_password")).toHaveLength(ACCOUNT_MAILS_PER_DAY.reset_password);
  });

  it("a display name typed at sign-up never reaches the unconfirmed address: the mail greets the address", async () => {
    const victim = uniqueEmail("victim");
    const id = (await signUp(db, { email: victim, displayName: LURE, password: PASSWORD }, links))!;
    await resendVerification(db, await loadActor(db, id), links);
    // And a reset asked for that unconfirmed account greets the address as well.
    await requestPasswordReset(db, victim, links);
    const sent = [...(await mailsTo(db, victim, "verify_email")), ...(await mailsTo(db, victim, "reset_password"))];
    expect(sent).toHaveLength(3);
    for (const m of sent) {
      expect(m.text_body).not.toContain("evil.example");
      expect(m.html_body).not.toContain("evil.example");
      expect(m.text_body).toContain(victim);
    }
  });

  it("an account whose address is unconfirmed is greeted by address when someone signs up with it again", async () => {
    const victim = uniqueEmail("victim");
    await signUp(db, { email: victim, displayName: LURE, password: PASSWORD }, links);
    await signUp(db, { email: victim, displayName: "other", password: PASSWORD }, links);
    const [note] = await mailsTo(db, victim, "already_registered");
    expect(note.text_body).not.toContain("evil.example");
  });

  it("invite, revoke, invite again reaches one outsider a few times a day, then the inviter gets a 429", async () => {
    const { orgId, owner } = await makeApprovedOrg(db, secretariat);
    const outsider = uniqueEmail("outsider");
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const id = await inviteMember(db, await owner.actor(), orgId, { email: outsider, role: "member" }, undefined, { links, mailer: noMailer }).catch(
        (e: { status: number }) => e.status,
      );
      if (typeof id === "number") statuses.push(id);
      else await revokeInvitation(db, await owner.actor(), orgId, id);
    }
    expect(await mailsTo(db, outsider, "invitation")).toHaveLength(ACCOUNT_MAILS_PER_DAY.invitation);
    expect(statuses).toEqual(Array(8 - ACCOUNT_MAILS_PER_DAY.invitation).fill(429));
  });

  it("an organisation sends at most its daily number of invitations", async () => {
    const { orgId, owner } = await makeApprovedOrg(db, secretariat);
    const actor = await owner.actor();
    for (let i = 0; i < LIMITS.invitationsPerOrg.limit; i++)
      await inviteMember(db, actor, orgId, { email: uniqueEmail("invitee"), role: "member" }, undefined, { links, mailer: noMailer });
    await expect(
      inviteMember(db, actor, orgId, { email: uniqueEmail("invitee"), role: "member" }, undefined, { links, mailer: noMailer }),
    ).rejects.toMatchObject({ status: 429, messageKey: "errors.tooManyInvitations" });
  });
});
