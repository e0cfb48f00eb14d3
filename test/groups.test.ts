import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import { changeGroupRole, createGroup, decideJoin, getGroup, requestToJoin, requireGroupRole } from "../app/models/standards/groups.server";
import type { Actor } from "../app/models/core/permissions";
import { dbForSuite } from "./helpers/db";
import { auditRows, makeApprovedOrg, makeUser } from "./helpers/fixtures";

const input = (convenorEmail: string, name = `工作组${Math.random().toString(36).slice(2, 8)}`) => ({
  name,
  nameEn: null,
  scope: "制定数据质量评价的团体标准。",
  charter: "工作组按联盟章程运作，成员协商一致。",
  standardType: "group" as const,
  convenorEmail,
  milestones: [{ label: "立项", due: "2027-01-31" }],
});

describe("working groups", () => {
  const t = dbForSuite();
  let db: Db;
  let staff: Actor;
  let convenor: { id: string; email: string; actor: () => Promise<Actor> };
  beforeAll(async () => {
    db = t.db;
    staff = await (await makeUser(db, { role: "secretariat" })).actor();
    convenor = (await makeApprovedOrg(db, staff, { type: "university" })).owner;
  });

  it("only the secretariat creates a group, with a convenor from an approved organisation", async () => {
    await expect(createGroup(db, await convenor.actor(), input(convenor.email))).rejects.toMatchObject({ status: 403 });
    await expect(createGroup(db, staff, input("nobody@example.test"))).rejects.toMatchObject({ status: 400, messageKey: "standards.errors.convenorUnknown" });
    const id = await createGroup(db, staff, input(convenor.email, "数据质量工作组"));
    await expect(createGroup(db, staff, input(convenor.email, "数据质量工作组"))).rejects.toMatchObject({ status: 409 });
    expect(await requireGroupRole(db, await convenor.actor(), id, ["convenor"])).toBe("convenor");
    expect((await auditRows(db, id)).map((r) => r.action)).toEqual(["group.created"]);
  });

  it("members ask to join, the convenor decides and sets the role; the public sees organisations, not people", async () => {
    const id = await createGroup(db, staff, input(convenor.email));
    const applicant = (await makeApprovedOrg(db, staff)).owner;
    const loner = await makeUser(db);
    await expect(requestToJoin(db, await loner.actor(), id, null)).rejects.toMatchObject({ status: 403 });
    await requestToJoin(db, await applicant.actor(), id, "我们有数据质量评估经验");
    await expect(requestToJoin(db, await applicant.actor(), id, null)).rejects.toMatchObject({ status: 409 });
    const notes = await db.selectFrom("notifications").select("kind").where("user_id", "=", convenor.id).execute();
    expect(notes.map((n) => n.kind)).toContain("group.join_requested");

    await expect(decideJoin(db, await applicant.actor(), id, { userId: applicant.id, decision: "accept", role: "convenor" })).rejects.toMatchObject({
      status: 403,
    });
    await decideJoin(db, await convenor.actor(), id, { userId: applicant.id, decision: "accept", role: "editor" });
    expect(await requireGroupRole(db, await applicant.actor(), id, ["editor"])).toBe("editor");
    await expect(requireGroupRole(db, await applicant.actor(), id, ["convenor"])).rejects.toMatchObject({ status: 403 });

    const publicView = await getGroup(db, null, id);
    expect(publicView.organisations).toHaveLength(2);
    expect(publicView.members).toEqual([]);
    expect((await getGroup(db, await applicant.actor(), id)).members.map((m) => m.role).sort()).toEqual(["convenor", "editor"]);

    await expect(changeGroupRole(db, await convenor.actor(), id, convenor.id, "member")).rejects.toMatchObject({ status: 400 });
    await changeGroupRole(db, await convenor.actor(), id, applicant.id, "observer");
    expect((await getGroup(db, await applicant.actor(), id)).me).toEqual({ role: "observer", status: "active" });
  });
});
