import type { Db } from "../../db/index";
import type { GroupRole } from "../../db/tables/standards";
import { createGroup, decideJoin, requestToJoin } from "../../app/models/standards/groups.server";
import type { Actor } from "../../app/models/core/permissions";
import { makeApprovedOrg, makeUser } from "./fixtures";

export type Person = { id: string; email: string; actor: () => Promise<Actor> };

/** A working group with a convenor and members of the given roles (each from their own approved organisation). */
export async function makeGroup(db: Db, roles: Exclude<GroupRole, "convenor">[]) {
  const staff = await (await makeUser(db, { role: "secretariat" })).actor();
  const convenor = (await makeApprovedOrg(db, staff, { type: "university" })).owner as Person;
  const groupId = await createGroup(db, staff, {
    name: `协作测试工作组${Math.random().toString(36).slice(2, 9)}`,
    nameEn: null,
    scope: "测试用工作组。",
    charter: "测试章程。",
    standardType: "group",
    convenorEmail: convenor.email,
    milestones: [],
  } as never);
  const members: Person[] = [];
  for (const role of roles) {
    const m = (await makeApprovedOrg(db, staff)).owner as Person;
    await requestToJoin(db, await m.actor(), groupId, null);
    await decideJoin(db, await convenor.actor(), groupId, { userId: m.id, decision: "accept", role });
    members.push(m);
  }
  return { staff, groupId, convenor, members };
}
