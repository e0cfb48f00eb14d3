import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { writeAudit } from "../core/audit.server";
import { conflict, notFound, refusingDuplicates } from "../core/errors";
import { deliver, noRealtime, storeNotifications, type Realtime, type StoredNotification } from "../core/notifications.server";
import { isModerator, requireModerator, requireUser, type Actor } from "../core/permissions";
import { memberIdsOf } from "../core/org-members.server";
import { hideListing, restoreListing } from "../marketplace/listings.server";
import type { AppealOutcome, ModerationKind, ModerationTarget } from "./vocabulary";

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

/**
 * Moderation (issue 28): the secretariat and the moderators hide and restore any reportable content
 * with a reason, or suspend a whole organisation. Each action is one moderation_actions row: the
 * owner is told (in-app, and by mail per their preferences, through the notification they receive),
 * may appeal once, and a moderator restores or upholds with a reason. Hidden content leaves public
 * reads through each content's own mark (listings leave publication, so search, matching, the
 * stored match lists, the API and CSV lose them with it). Everything is audited.
 */

/** A target as the moderators see it: no reader check, any state. */
interface TargetFacts {
  title: string;
  path: string;
  /** The organisation that owns the content (or whose member wrote it). */
  orgId: string | null;
  /** Who is told and may appeal: the organisation's members, or the author of a message or comment. */
  owners: string[];
}

const excerpt = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

async function orgOfUser(db: Db | Trx, userId: string): Promise<string | null> {
  const row = await db.selectFrom("org_members").select("org_id").where("user_id", "=", userId).orderBy("created_at").executeTakeFirst();
  return row?.org_id ?? null;
}

interface TargetRules {
  facts(db: Db | Trx, id: string): Promise<TargetFacts>;
  /** Sets the content's mark; returns the notices its own model stores (a listing's owner hears its status change). */
  hide(trx: Trx, actor: Actor, id: string, reason: string): Promise<StoredNotification[]>;
  restore(trx: Trx, actor: Actor, id: string): Promise<StoredNotification[]>;
}

const orgFacts = (path: (id: string) => string) => async (db: Db | Trx, id: string) => {
  const o = await db.selectFrom("organisations").select(["id", "name_zh"]).where("id", "=", id).executeTakeFirst();
  if (!o) throw notFound();
  return { title: o.name_zh, path: path(id), orgId: o.id, owners: await memberIdsOf(db, o.id) };
};

const orgMark = {
  async hide(trx: Trx, _actor: Actor, id: string, reason: string) {
    await trx
      .updateTable("organisations")
      .set({ hidden_at: sql`now()`, hidden_reason: reason })
      .where("id", "=", id)
      .execute();
    return [];
  },
  async restore(trx: Trx, _actor: Actor, id: string) {
    await trx.updateTable("organisations").set({ hidden_at: null, hidden_reason: null }).where("id", "=", id).execute();
    return [];
  },
};

/** Each kind of content: what it is, and how its mark is set and cleared. */
export const MODERATED: Record<ModerationTarget, TargetRules> = {
  listing: {
    async facts(db, id) {
      const l = await db.selectFrom("listings").select(["title", "org_id"]).where("id", "=", id).executeTakeFirst();
      if (!l) throw notFound();
      return { title: l.title, path: `/listings/${id}`, orgId: l.org_id, owners: await memberIdsOf(db, l.org_id) };
    },
    hide: (trx, actor, id, reason) => hideListing(trx, actor, id, reason),
    restore: (trx, actor, id) => restoreListing(trx, actor, id),
  },
  scenario: {
    async facts(db, id) {
      const s = await db.selectFrom("scenarios").select(["title", "org_id"]).where("id", "=", id).executeTakeFirst();
      if (!s) throw notFound();
      return { title: s.title, path: `/scenarios/${id}`, orgId: s.org_id, owners: await memberIdsOf(db, s.org_id) };
    },
    async hide(trx, _actor, id, reason) {
      await trx
        .updateTable("scenarios")
        .set({ hidden_at: sql`now()`, hidden_reason: reason })
        .where("id", "=", id)
        .execute();
      return [];
    },
    async restore(trx, _actor, id) {
      await trx.updateTable("scenarios").set({ hidden_at: null, hidden_reason: null }).where("id", "=", id).execute();
      return [];
    },
  },
  profile: { facts: orgFacts((id) => `/enterprises/${id}`), ...orgMark },
  organisation: { facts: orgFacts((id) => `/orgs/${id}`), ...orgMark },
  group_message: {
    async facts(db, id) {
      const m = await db.selectFrom("group_messages").select(["group_id", "author_id", "body"]).where("id", "=", id).executeTakeFirst();
      if (!m) throw notFound();
      return { title: excerpt(m.body), path: `/groups/${m.group_id}/channel`, orgId: await orgOfUser(db, m.author_id), owners: [m.author_id] };
    },
    async hide(trx, actor, id, reason) {
      await trx
        .updateTable("group_messages")
        .set({ hidden_at: sql`now()`, hidden_by: actor.id, hidden_reason: reason })
        .where("id", "=", id)
        .execute();
      return [];
    },
    async restore(trx, _actor, id) {
      await trx.updateTable("group_messages").set({ hidden_at: null, hidden_by: null, hidden_reason: null }).where("id", "=", id).execute();
      return [];
    },
  },
  draft_comment: {
    async facts(db, id) {
      const c = await db
        .selectFrom("draft_comments")
        .innerJoin("drafts", "drafts.id", "draft_comments.draft_id")
        .select(["drafts.group_id", "draft_comments.draft_id", "draft_comments.author_id", "draft_comments.clause", "draft_comments.comment"])
        .where("draft_comments.id", "=", id)
        .executeTakeFirst();
      if (!c) throw notFound();
      return {
        title: excerpt(`${c.clause} · ${c.comment}`),
        path: `/groups/${c.group_id}/drafts/${c.draft_id}`,
        orgId: await orgOfUser(db, c.author_id),
        owners: [c.author_id],
      };
    },
    async hide(trx, _actor, id, reason) {
      await trx
        .updateTable("draft_comments")
        .set({ hidden_at: sql`now()`, hidden_reason: reason })
        .where("id", "=", id)
        .execute();
      return [];
    },
    async restore(trx, _actor, id) {
      await trx.updateTable("draft_comments").set({ hidden_at: null, hidden_reason: null }).where("id", "=", id).execute();
      return [];
    },
  },
};

/** A suspension: the organisation's mark, and each of its published listings leaves publication with the reason. */
async function suspend(trx: Trx, actor: Actor, orgId: string, reason: string): Promise<StoredNotification[]> {
  await trx
    .updateTable("organisations")
    .set({ suspended_at: sql`now()`, suspended_reason: reason })
    .where("id", "=", orgId)
    .execute();
  const listings = await trx.selectFrom("listings").select("id").where("org_id", "=", orgId).where("status", "=", "published").execute();
  const notes: StoredNotification[] = [];
  for (const l of listings) notes.push(...(await hideListing(trx, actor, l.id, reason)));
  return notes;
}

/** The end of a suspension: the listings it took down come back (not those hidden by an action of their own). */
async function unsuspend(trx: Trx, actor: Actor, orgId: string): Promise<StoredNotification[]> {
  await trx.updateTable("organisations").set({ suspended_at: null, suspended_reason: null }).where("id", "=", orgId).execute();
  const listings = await trx
    .selectFrom("listings")
    .select("id")
    .where("org_id", "=", orgId)
    .where("hidden_at", "is not", null)
    .where(
      sql<boolean>`not exists (select 1 from moderation_actions m where m.target_type = 'listing' and m.target_id = listings.id::text and m.restored_at is null)`,
    )
    .execute();
  const notes: StoredNotification[] = [];
  for (const l of listings) notes.push(...(await restoreListing(trx, actor, l.id)));
  return notes;
}

export interface ModerationInput {
  targetType: ModerationTarget;
  targetId: string;
  kind: ModerationKind;
  reason: string;
  reportId?: string | null;
}

/**
 * Hides content or suspends an organisation inside the caller's transaction (a report's decision
 * or the moderators' own action): one active action per target (409 otherwise), audited, the owner told.
 */
export async function moderateInTrx(trx: Trx, actor: Actor, input: ModerationInput): Promise<{ id: string; notes: StoredNotification[] }> {
  const a = requireModerator(actor);
  const targetType = input.kind === "suspend_org" ? "organisation" : input.targetType;
  const facts = await MODERATED[targetType].facts(trx, input.targetId);
  const row = await refusingDuplicates({ moderation_actions_one_active: ["moderation.errors.alreadyHidden"] }, () =>
    trx
      .insertInto("moderation_actions")
      .values({
        target_type: targetType,
        target_id: input.targetId,
        target_title: facts.title,
        target_path: facts.path,
        target_org_id: facts.orgId,
        kind: input.kind,
        reason: input.reason,
        report_id: input.reportId ?? null,
        acted_by: a.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow(),
  );
  const contentNotes =
    input.kind === "suspend_org" ? await suspend(trx, a, input.targetId, input.reason) : await MODERATED[targetType].hide(trx, a, input.targetId, input.reason);
  await writeAudit(trx, {
    actorId: a.id,
    action: input.kind === "suspend_org" ? "moderation.suspended" : "moderation.hidden",
    entityType: targetType,
    entityId: input.targetId,
    after: { moderationId: row.id, reason: input.reason, reportId: input.reportId ?? null },
  });
  const told = await storeNotifications(trx, facts.owners, input.kind === "suspend_org" ? "moderation.suspended" : "moderation.hidden", {
    moderationId: row.id,
    title: facts.title,
    targetType,
    reason: input.reason,
  });
  return { id: row.id, notes: [...contentNotes, ...told] };
}

/** The moderators' own hide or suspension, outside a report. */
export async function moderate(db: Db, actor: Actor | null, input: ModerationInput, realtime: Realtime = noRealtime): Promise<string> {
  const a = requireModerator(actor);
  const { id, notes } = await db.transaction().execute((trx) => moderateInTrx(trx, a, input));
  deliver(realtime, notes);
  return id;
}

async function lockAction(trx: Trx, actionId: string) {
  const row = await trx.selectFrom("moderation_actions").selectAll().where("id", "=", actionId).forUpdate().executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/** Clears the target's mark (or ends the suspension) for an action still active; the owner's notices come back. */
async function undo(trx: Trx, actor: Actor, row: { id: string; kind: ModerationKind; target_type: ModerationTarget; target_id: string }, reason: string) {
  await trx
    .updateTable("moderation_actions")
    .set({ restored_at: sql`now()`, restored_by: actor.id, restore_reason: reason })
    .where("id", "=", row.id)
    .execute();
  const contentNotes =
    row.kind === "suspend_org" ? await unsuspend(trx, actor, row.target_id) : await MODERATED[row.target_type].restore(trx, actor, row.target_id);
  await writeAudit(trx, {
    actorId: actor.id,
    action: "moderation.restored",
    entityType: row.target_type,
    entityId: row.target_id,
    before: { moderationId: row.id, kind: row.kind },
    after: { restored: true, reason },
  });
  return contentNotes;
}

/** A moderator restores hidden content (or ends a suspension) with a reason; the owner is told. */
export async function restoreModerated(db: Db, actor: Actor | null, input: { actionId: string; reason: string }, realtime: Realtime = noRealtime) {
  const a = requireModerator(actor);
  const notes = await db.transaction().execute(async (trx) => {
    const row = await lockAction(trx, input.actionId);
    if (row.restored_at) throw conflict("moderation.errors.alreadyRestored");
    const contentNotes = await undo(trx, a, row, input.reason);
    // An open appeal is answered by the restoration.
    if (row.appealed_at && !row.appeal_decided_at)
      await trx
        .updateTable("moderation_actions")
        .set({ appeal_outcome: "restored", appeal_reason: input.reason, appeal_decided_by: a.id, appeal_decided_at: sql`now()` })
        .where("id", "=", row.id)
        .execute();
    const facts = await MODERATED[row.target_type].facts(trx, row.target_id);
    const told = await storeNotifications(trx, facts.owners, "moderation.restored", {
      moderationId: row.id,
      title: row.target_title,
      reason: input.reason,
    });
    return [...contentNotes, ...told];
  });
  deliver(realtime, notes);
}

/** Everyone who decides appeals: the moderators and the secretariat. */
async function moderatorIds(trx: Trx | Db): Promise<string[]> {
  const rows = await trx.selectFrom("users").select("id").where("platform_role", "in", ["moderator", "secretariat"]).execute();
  return rows.map((r) => r.id);
}

/** The owner may appeal an action on their content: its organisation's members, or the author of a message or comment. */
async function mayAppeal(db: Db | Trx, actor: Actor, row: { target_type: ModerationTarget; target_id: string; target_org_id: string | null }) {
  if (row.target_type === "group_message" || row.target_type === "draft_comment") {
    const facts = await MODERATED[row.target_type].facts(db, row.target_id).catch(() => null);
    return !!facts?.owners.includes(actor.id);
  }
  // A suspended organisation's members still appeal: the check reads membership, not approval.
  return !!row.target_org_id && actor.org?.id === row.target_org_id;
}

/** The owner appeals once with a statement; the appeal lands in the moderators' queue. A second appeal is a 409. */
export async function appealModeration(db: Db, actor: Actor | null, input: { actionId: string; statement: string }, realtime: Realtime = noRealtime) {
  const a = requireUser(actor);
  const notes = await db.transaction().execute(async (trx) => {
    const row = await lockAction(trx, input.actionId);
    if (!(await mayAppeal(trx, a, row))) throw notFound();
    if (row.appealed_at) throw conflict("moderation.errors.alreadyAppealed");
    if (row.restored_at) throw conflict("moderation.errors.alreadyRestored");
    await trx
      .updateTable("moderation_actions")
      .set({ appeal_statement: input.statement, appealed_by: a.id, appealed_at: sql`now()` })
      .where("id", "=", row.id)
      .execute();
    await writeAudit(trx, {
      actorId: a.id,
      action: "moderation.appealed",
      entityType: row.target_type,
      entityId: row.target_id,
      after: { moderationId: row.id },
    });
    return storeNotifications(trx, await moderatorIds(trx), "moderation.appealed", { moderationQueue: "appeals", title: row.target_title });
  });
  deliver(realtime, notes);
}

/** A moderator answers an appeal: restore (the content comes back) or uphold, with a reason the owner reads. */
export async function decideAppeal(
  db: Db,
  actor: Actor | null,
  input: { actionId: string; outcome: AppealOutcome; reason: string },
  realtime: Realtime = noRealtime,
) {
  const a = requireModerator(actor);
  const notes = await db.transaction().execute(async (trx) => {
    const row = await lockAction(trx, input.actionId);
    if (!row.appealed_at) throw notFound();
    if (row.appeal_decided_at || row.restored_at) throw conflict("moderation.errors.appealDecided");
    await trx
      .updateTable("moderation_actions")
      .set({ appeal_outcome: input.outcome, appeal_reason: input.reason, appeal_decided_by: a.id, appeal_decided_at: sql`now()` })
      .where("id", "=", row.id)
      .execute();
    const contentNotes = input.outcome === "restored" ? await undo(trx, a, row, input.reason) : [];
    await writeAudit(trx, {
      actorId: a.id,
      action: `moderation.appeal_${input.outcome}`,
      entityType: row.target_type,
      entityId: row.target_id,
      after: { moderationId: row.id, reason: input.reason },
    });
    const facts = await MODERATED[row.target_type].facts(trx, row.target_id);
    const told = await storeNotifications(trx, facts.owners, input.outcome === "restored" ? "moderation.restored" : "moderation.upheld", {
      moderationId: row.id,
      title: row.target_title,
      reason: input.reason,
    });
    return [...contentNotes, ...told];
  });
  deliver(realtime, notes);
}

const ACTION_COLUMNS = [
  "moderation_actions.id",
  "moderation_actions.target_type",
  "moderation_actions.target_id",
  "moderation_actions.target_title",
  "moderation_actions.target_path",
  "moderation_actions.kind",
  "moderation_actions.reason",
  "moderation_actions.acted_at",
  "moderation_actions.appeal_statement",
  "moderation_actions.appealed_at",
  "moderation_actions.appeal_outcome",
  "moderation_actions.appeal_reason",
  "moderation_actions.appeal_decided_at",
  "moderation_actions.restored_at",
  "moderation_actions.restore_reason",
] as const;

export const ACTIONS_PAGE_SIZE = 50;

/** The moderators' list: what is hidden now, or the appeals waiting (oldest first), with what each row allows. */
export async function moderationActions(db: Db, actor: Actor | null, filter: { view: "hidden" | "appeals" | "restored" }) {
  requireModerator(actor);
  let q = db
    .selectFrom("moderation_actions")
    .leftJoin("organisations", "organisations.id", "moderation_actions.target_org_id")
    .select(ACTION_COLUMNS)
    .select("organisations.name_zh as org_name");
  if (filter.view === "hidden") q = q.where("moderation_actions.restored_at", "is", null).orderBy("moderation_actions.acted_at", "desc");
  else if (filter.view === "appeals")
    q = q
      .where("moderation_actions.appealed_at", "is not", null)
      .where("moderation_actions.appeal_decided_at", "is", null)
      .where("moderation_actions.restored_at", "is", null)
      .orderBy("moderation_actions.appealed_at", "asc");
  else q = q.where("moderation_actions.restored_at", "is not", null).orderBy("moderation_actions.restored_at", "desc");
  const rows = await q.limit(ACTIONS_PAGE_SIZE).execute();
  return rows.map((r) => ({
    ...r,
    can: { restore: !r.restored_at, decideAppeal: !!r.appealed_at && !r.appeal_decided_at && !r.restored_at },
  }));
}

/** Appeals waiting: the count on the moderators' page. */
export async function openAppealCount(db: Db, actor: Actor | null): Promise<number> {
  if (!isModerator(actor)) return 0;
  const r = await db
    .selectFrom("moderation_actions")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("appealed_at", "is not", null)
    .where("appeal_decided_at", "is", null)
    .where("restored_at", "is", null)
    .executeTakeFirstOrThrow();
  return r.n;
}

/**
 * What the owner sees: the actions on their organisation's content or on what they wrote, with the
 * reason, the appeal and its answer, and whether they may still appeal. Never a reporter.
 */
export async function moderationOfMine(db: Db, actor: Actor | null) {
  const a = requireUser(actor);
  const orgId = a.org?.id ?? null;
  const rows = await db
    .selectFrom("moderation_actions")
    .select(ACTION_COLUMNS)
    .where((eb) =>
      eb.or([
        ...(orgId
          ? [eb("moderation_actions.target_org_id", "=", orgId).and("moderation_actions.target_type", "not in", ["group_message", "draft_comment"])]
          : []),
        eb.and([
          eb("moderation_actions.target_type", "=", "group_message"),
          eb(
            "moderation_actions.target_id",
            "in",
            eb
              .selectFrom("group_messages")
              .select(sql<string>`id::text`.as("id"))
              .where("author_id", "=", a.id),
          ),
        ]),
        eb.and([
          eb("moderation_actions.target_type", "=", "draft_comment"),
          eb(
            "moderation_actions.target_id",
            "in",
            eb
              .selectFrom("draft_comments")
              .select(sql<string>`id::text`.as("id"))
              .where("author_id", "=", a.id),
          ),
        ]),
      ]),
    )
    .orderBy("moderation_actions.acted_at", "desc")
    .limit(ACTIONS_PAGE_SIZE)
    .execute();
  return rows.map((r) => ({ ...r, can: { appeal: !r.appealed_at && !r.restored_at } }));
}

/** The hide form's target, as the moderators see it (any state), with whether it is already moderated. */
export async function moderationTarget(db: Db, actor: Actor | null, targetType: ModerationTarget, targetId: string) {
  requireModerator(actor);
  const facts = await MODERATED[targetType].facts(db, targetId);
  const active = await db
    .selectFrom("moderation_actions")
    .select(["id", "kind", "reason"])
    .where("target_type", "=", targetType)
    .where("target_id", "=", targetId)
    .where("restored_at", "is", null)
    .executeTakeFirst();
  return {
    type: targetType,
    id: targetId,
    title: facts.title,
    path: facts.path,
    active: active ?? null,
    can: { hide: !active, suspendOrg: !active && targetType === "organisation" },
  };
}

/** What the reader may do as a moderator on any content page (the hide link renders it). */
export function moderationCan(actor: Actor | null) {
  return { hide: isModerator(actor) };
}
