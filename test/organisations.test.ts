import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import { loadActor } from "../app/models/accounts/auth.server";
import { listAudit } from "../app/models/core/audit.server";
import {
  acceptInvitation,
  allianceCounts,
  applyForMembership,
  changeMemberRole,
  getOrganisation,
  inviteMember,
  listDirectory,
  listMyInvitations,
  listPendingApplications,
  removeMember,
  reviewApplication,
} from "../app/models/accounts/organisations.server";
import type { Actor } from "../app/models/core/permissions";
import { dbForSuite } from "./helpers/db";
import { application, auditRows, creditCode, makeApprovedOrg, makeUser } from "./helpers/fixtures";

describe("organisations", () => {
  const t = dbForSuite();
  let db: Db;
  let secretariat: Actor;
  beforeAll(async () => {
    db = t.db;
    secretariat = await (await makeUser(db, { role: "secretariat" })).actor();
  });

  it("an application waits for the secretariat, who approves it; the applicant sees the decision and an audit trail exists", async () => {
    const applicant = await makeUser(db);
    const orgId = await applyForMembership(db, await applicant.actor(), application({ nameZh: "审核流程测试公司" }) as never);
    let me = await applicant.actor();
    expect(me.org).toMatchObject({ id: orgId, role: "owner", status: "pending" });
    expect((await listPendingApplications(db, secretariat)).map((o) => o.id)).toContain(orgId);
    expect((await listDirectory(db, { q: "审核流程测试", page: 1 })).total).toBe(0);

    await reviewApplication(db, secretariat, { orgId, decision: "approve", reason: undefined });
    me = await applicant.actor();
    expect(me.org?.status).toBe("approved");
    expect((await listDirectory(db, { q: "审核流程测试", page: 1 })).organisations.map((o) => o.id)).toEqual([orgId]);
    const actions = (await auditRows(db, orgId)).map((r) => r.action);
    expect(actions).toEqual(["organisation.applied", "organisation.approved"]);
    const notes = await db.selectFrom("notifications").select("kind").where("user_id", "=", applicant.id).execute();
    expect(notes.map((n) => n.kind)).toEqual(["organisation.approved"]);
  });

  it("a rejection needs a reason, which the applicant sees; the corrected application can be resubmitted", async () => {
    const applicant = await makeUser(db);
    const orgId = await applyForMembership(db, await applicant.actor(), application() as never);
    await reviewApplication(db, secretariat, { orgId, decision: "reject", reason: "简介不完整" });
    const seen = await getOrganisation(db, await applicant.actor(), orgId);
    expect(seen).toMatchObject({ status: "rejected", reviewReason: "简介不完整" });
    const again = await reviewApplication(db, secretariat, { orgId, decision: "approve", reason: undefined }).catch((e) => e);
    expect(again.status).toBe(409);

    const resubmitted = await applyForMembership(db, await applicant.actor(), application({ description: "补充后的完整单位简介，说明数据资源。" }) as never);
    expect(resubmitted).toBe(orgId);
    expect((await applicant.actor()).org?.status).toBe("pending");
  });

  it("a credit code already used by another organisation is refused with a 409 on the field", async () => {
    const code = creditCode();
    const a = await makeUser(db);
    const b = await makeUser(db);
    await applyForMembership(db, await a.actor(), application({ creditCode: code }) as never);
    const err = await applyForMembership(db, await b.actor(), application({ creditCode: code }) as never).catch((e) => e);
    expect(err.status).toBe(409);
    expect(err.fieldErrors).toEqual({ creditCode: ["errors.creditCodeTaken"] });
    expect((await b.actor()).org).toBeNull();
  });

  it("only the secretariat reviews, and a pending organisation is hidden from strangers", async () => {
    const applicant = await makeUser(db);
    const stranger = await makeUser(db);
    const orgId = await applyForMembership(db, await applicant.actor(), application() as never);
    const err = await reviewApplication(db, await stranger.actor(), { orgId, decision: "approve", reason: undefined }).catch((e) => e);
    expect(err.status).toBe(403);
    await expect(listPendingApplications(db, await stranger.actor())).rejects.toMatchObject({ status: 403 });
    await expect(getOrganisation(db, await stranger.actor(), orgId)).rejects.toMatchObject({ status: 404 });
    await expect(getOrganisation(db, null, orgId)).rejects.toMatchObject({ status: 404 });
  });

  it("an organisation's own contact is shown to itself and the secretariat only", async () => {
    const { orgId, owner } = await makeApprovedOrg(db, secretariat);
    const { owner: otherOwner } = await makeApprovedOrg(db, secretariat);
    const loner = await makeUser(db);
    expect((await getOrganisation(db, null, orgId)).contact).toBeNull();
    expect((await getOrganisation(db, await loner.actor(), orgId)).contact).toBeNull();
    expect((await getOrganisation(db, await otherOwner.actor(), orgId)).contact).toBeNull();
    expect((await getOrganisation(db, await owner.actor(), orgId)).contact?.email).toBe("contact@example.test");
    expect((await getOrganisation(db, secretariat, orgId)).contact?.email).toBe("contact@example.test");
  });

  it("an admin invites a user, who accepts and joins as a member; roles follow the rules", async () => {
    const { orgId, owner } = await makeApprovedOrg(db, secretariat);
    const invitee = await makeUser(db);
    await inviteMember(db, await owner.actor(), orgId, { email: invitee.email, role: "admin" });
    const dup = await inviteMember(db, await owner.actor(), orgId, { email: invitee.email, role: "member" }).catch((e) => e);
    expect(dup.status).toBe(409);

    const [inv] = await listMyInvitations(db, await invitee.actor());
    expect(inv.org_id).toBe(orgId);
    const someoneElse = await makeUser(db);
    await expect(acceptInvitation(db, await someoneElse.actor(), inv.id)).rejects.toMatchObject({ status: 404 });
    await acceptInvitation(db, await invitee.actor(), inv.id);
    const admin = await invitee.actor();
    expect(admin.org).toMatchObject({ id: orgId, role: "admin" });

    // An admin may not touch the owner; the owner may not leave the organisation without an owner.
    await expect(changeMemberRole(db, admin, orgId, owner.id, "member")).rejects.toMatchObject({ status: 403 });
    await expect(changeMemberRole(db, await owner.actor(), orgId, owner.id, "admin")).rejects.toMatchObject({ status: 400 });
    await changeMemberRole(db, await owner.actor(), orgId, invitee.id, "member");
    expect((await invitee.actor()).org?.role).toBe("member");
    await expect(inviteMember(db, await invitee.actor(), orgId, { email: "x@example.test", role: "member" })).rejects.toMatchObject({ status: 403 });
    await removeMember(db, await owner.actor(), orgId, invitee.id);
    expect((await invitee.actor()).org).toBeNull();
    const actions = (await auditRows(db, orgId)).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["invitation.created", "membership.joined", "membership.role_changed", "membership.removed"]));
  });

  it("members of another organisation cannot manage this one", async () => {
    const { orgId } = await makeApprovedOrg(db, secretariat);
    const { owner: otherOwner } = await makeApprovedOrg(db, secretariat);
    await expect(inviteMember(db, await otherOwner.actor(), orgId, { email: "y@example.test", role: "member" })).rejects.toMatchObject({ status: 403 });
  });

  it("a user cannot apply twice while belonging to an organisation", async () => {
    const { owner } = await makeApprovedOrg(db, secretariat);
    await expect(applyForMembership(db, await owner.actor(), application() as never)).rejects.toMatchObject({ status: 409 });
  });

  it("the landing counts and the audit log reflect what happened", async () => {
    const before = await allianceCounts(db);
    await makeApprovedOrg(db, secretariat, { type: "investor", region: "hong_kong", creditCode: undefined });
    const after = await allianceCounts(db);
    expect(after.organisations).toBe(before.organisations + 1);
    expect(after.byType.investor).toBe((before.byType.investor ?? 0) + 1);
    const page = await listAudit(db, secretariat, { entityType: "organisation", page: 1 });
    expect(page.entries[0].action).toBe("organisation.approved");
    await expect(listAudit(db, await (await makeUser(db)).actor(), { page: 1 })).rejects.toMatchObject({ status: 403 });
    expect(await loadActor(db, "00000000-0000-0000-0000-000000000000")).toBeNull();
  });
});
