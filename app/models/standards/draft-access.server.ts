import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import type { GroupRole } from "../../../db/tables/standards";
import type { DraftStageName } from "./draft-schema";
import { OPEN_STAGES, PUBLIC_STAGES, editsDraft } from "./draft-rules";
import { forbidden, notFound } from "../core/errors";
import { convenesGroup, groupRole, requireGroupRole, type Membership } from "./groups.server";
import { isApprovedMember, isSecretariat, requireUser, type Actor } from "../core/permissions";

type Db = Kysely<Database>;
type Tx = Transaction<Database> | Db;

/*
 * Who may read and who may edit a draft, asked by every draft module (drafts, versions, comments)
 * before it reads or writes: the reader's standing in the group, the visibility of each stage, the
 * draft's listed editors, and who hears of a change.
 */

export interface Viewer {
  membership: Membership | null;
  active: boolean;
  convenor: boolean;
}

export async function viewer(db: Tx, actor: Actor | null, groupId: string): Promise<Viewer & { groupName: string }> {
  const group = await db.selectFrom("working_groups").select(["id", "name"]).where("id", "=", groupId).executeTakeFirst();
  if (!group) throw notFound();
  const membership = await groupRole(db as Db, actor, groupId);
  const active = membership?.status === "active";
  return { membership, active, convenor: convenesGroup(actor, membership), groupName: group.name };
}

/** The group reads its own work; anyone the public stages; members of approved organisations the later stages too. */
export function canSee(v: Viewer, actor: Actor | null, stage: DraftStageName): boolean {
  if (v.active || isSecretariat(actor)) return true;
  if (PUBLIC_STAGES.includes(stage)) return true;
  return isApprovedMember(actor) && OPEN_STAGES.includes(stage);
}

export async function loadDraft(db: Tx, groupId: string, draftId: string) {
  const d = await db.selectFrom("drafts").selectAll().where("id", "=", draftId).where("group_id", "=", groupId).executeTakeFirst();
  if (!d) throw notFound();
  return d;
}

export async function isDraftEditor(db: Tx, draftId: string, userId: string) {
  return !!(await db.selectFrom("draft_editors").select("user_id").where("draft_id", "=", draftId).where("user_id", "=", userId).executeTakeFirst());
}

/** Convenors, and group editors listed on the draft; everyone else is refused with a 403. */
export async function requireDraftEditor(db: Db, actor: Actor | null, groupId: string, draftId: string): Promise<{ actor: Actor; role: GroupRole }> {
  const a = requireUser(actor);
  const role = await requireGroupRole(db, a, groupId, ["convenor", "editor"]);
  await loadDraft(db, groupId, draftId);
  const convenor = role === "convenor";
  if (!editsDraft({ convenor, role, listed: !convenor && (await isDraftEditor(db, draftId, a.id)) })) throw forbidden("drafts.errors.notEditor");
  return { actor: a, role };
}

export async function watcherIds(db: Tx, draftId: string): Promise<string[]> {
  return (await db.selectFrom("draft_watches").select("user_id").where("draft_id", "=", draftId).execute()).map((r) => r.user_id);
}

export const without = (ids: string[], except: string) => [...new Set(ids)].filter((id) => id !== except);

export async function editorChoices(db: Tx, groupId: string) {
  return db
    .selectFrom("group_members")
    .innerJoin("users", "users.id", "group_members.user_id")
    .select(["users.id", "users.display_name as name", "group_members.role"])
    .where("group_members.group_id", "=", groupId)
    .where("group_members.status", "=", "active")
    .where("group_members.role", "in", ["editor", "convenor"])
    .orderBy("users.display_name")
    .execute();
}
