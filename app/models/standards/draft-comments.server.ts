import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { writeAudit } from "../core/audit.server";
import type { CommentInput, PatentInput, ResolutionInput } from "./draft-schema";
import { commentWindowOpen, isFinal, takesDisclosures } from "./draft-rules";
import { canSee, loadDraft, requireDraftEditor, viewer, watcherIds, without } from "./draft-access.server";
import { DomainError, conflict, forbidden, notFound } from "../core/errors";
import { requireGroupRole } from "./groups.server";
import { deliver, noRealtime, storeNotifications, type Realtime } from "../core/notifications.server";
import { requireApprovedMember, requireUser, type Actor } from "../core/permissions";

type Db = Kysely<Database>;
type Tx = Transaction<Database> | Db;

/**
 * Public comment on a draft (征求意见) and its resolution by the editors, and patent disclosures,
 * with a comment or on the draft itself. The comment-resolution table reads commentRows.
 */

export async function commentRows(db: Tx, draftId: string) {
  const rows = await db
    .selectFrom("draft_comments")
    .innerJoin("users as u", "u.id", "draft_comments.author_id")
    .leftJoin("org_members", "org_members.user_id", "u.id")
    .leftJoin("organisations", "organisations.id", "org_members.org_id")
    .leftJoin("users as r", "r.id", "draft_comments.resolved_by")
    .select([
      "draft_comments.id",
      "draft_comments.clause",
      "draft_comments.comment",
      "draft_comments.proposed_change",
      "draft_comments.resolution",
      "draft_comments.resolution_reason",
      "draft_comments.resolved_at",
      "draft_comments.created_at",
      "u.display_name as author",
      "organisations.name_zh as org",
      "r.display_name as resolver",
    ])
    .where("draft_comments.draft_id", "=", draftId)
    // Hidden by the moderators (app/models/trust/moderation.server.ts): gone from the page and the CSV.
    .where("draft_comments.hidden_at", "is", null)
    .orderBy("draft_comments.created_at")
    .orderBy("draft_comments.id")
    .execute();
  // Comments sorted by clause the way a resolution table is read: 5.2 before 5.10.
  const key = (c: string) =>
    c
      .split(/[^0-9]+/)
      .filter(Boolean)
      .map(Number);
  const cmp = (a: string, b: string) => {
    const x = key(a);
    const y = key(b);
    for (let i = 0; i < Math.max(x.length, y.length); i++) {
      if ((x[i] ?? -1) !== (y[i] ?? -1)) return (x[i] ?? -1) - (y[i] ?? -1);
    }
    return a.localeCompare(b);
  };
  return rows
    .map((r) => ({ ...r, resolved_at: r.resolved_at?.toISOString() ?? null, created_at: r.created_at.toISOString() }))
    .sort((a, b) => cmp(a.clause, b.clause));
}

export async function addComment(db: Db, actor: Actor | null, groupId: string, draftId: string, input: CommentInput): Promise<string> {
  const a = requireApprovedMember(actor);
  const v = await viewer(db, a, groupId);
  return db.transaction().execute(async (trx) => {
    const d = await loadDraft(trx, groupId, draftId);
    if (!canSee(v, a, d.stage)) throw forbidden("drafts.errors.notVisible");
    if (!commentWindowOpen(d)) throw conflict("drafts.errors.commentClosed");
    // The same comment twice (a double click, a resent form) is one comment: the draft row is locked
    // so two identical posts at once are told apart here too.
    await trx.selectFrom("drafts").select("id").where("id", "=", draftId).forUpdate().execute();
    const same = await trx
      .selectFrom("draft_comments")
      .select("id")
      .where("draft_id", "=", draftId)
      .where("author_id", "=", a.id)
      .where("clause", "=", input.clause)
      .where("comment", "=", input.comment)
      .executeTakeFirst();
    if (same) throw new DomainError(409, "drafts.errors.duplicateComment", {}, { comment: ["drafts.errors.duplicateComment"] });
    const c = await trx
      .insertInto("draft_comments")
      .values({ draft_id: draftId, author_id: a.id, clause: input.clause, comment: input.comment, proposed_change: input.proposedChange })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (input.patentHolder && input.patentNumber) {
      await trx
        .insertInto("draft_patents")
        .values({
          draft_id: draftId,
          comment_id: c.id,
          holder: input.patentHolder,
          patent_number: input.patentNumber,
          description: input.patentDescription,
          disclosed_by: a.id,
        })
        .execute();
    }
    await writeAudit(trx, {
      actorId: a.id,
      action: "draft.commented",
      entityType: "draft",
      entityId: draftId,
      after: { commentId: c.id, clause: input.clause, patent: !!input.patentNumber },
    });
    return c.id;
  });
}

export async function resolveComment(db: Db, actor: Actor | null, groupId: string, draftId: string, input: ResolutionInput, realtime: Realtime = noRealtime) {
  const { actor: a } = await requireDraftEditor(db, actor, groupId, draftId);
  const notes = await db.transaction().execute(async (trx) => {
    const d = await trx.selectFrom("drafts").select(["stage", "code", "title"]).where("id", "=", draftId).executeTakeFirstOrThrow();
    if (isFinal(d.stage)) throw conflict("drafts.errors.final");
    const c = await trx
      .selectFrom("draft_comments")
      .select(["author_id", "clause", "resolution", "resolution_reason"])
      .where("id", "=", input.commentId)
      .where("draft_id", "=", draftId)
      .forUpdate()
      .executeTakeFirst();
    if (!c) throw notFound();
    await trx
      .updateTable("draft_comments")
      .set({ resolution: input.resolution, resolution_reason: input.reason, resolved_by: a.id, resolved_at: sql`now()` })
      .where("id", "=", input.commentId)
      .execute();
    await writeAudit(trx, {
      actorId: a.id,
      action: "draft.comment_resolved",
      entityType: "draft",
      entityId: draftId,
      before: { commentId: input.commentId, resolution: c.resolution, reason: c.resolution_reason },
      after: { commentId: input.commentId, resolution: input.resolution, reason: input.reason },
    });
    const to = without([...(await watcherIds(trx, draftId)), c.author_id], a.id);
    return storeNotifications(trx, to, "draft.resolution", { groupId, draftId, code: d.code, title: d.title, clause: c.clause, resolution: input.resolution });
  });
  deliver(realtime, notes);
}

/** Disclosures on the draft itself: by anyone in the group (observers too) while it is open. */
export async function addPatent(db: Db, actor: Actor | null, groupId: string, draftId: string, input: PatentInput): Promise<string> {
  const a = requireUser(actor);
  await requireGroupRole(db, a, groupId, ["convenor", "editor", "member", "observer"]);
  return db.transaction().execute(async (trx) => {
    const d = await loadDraft(trx, groupId, draftId);
    if (!takesDisclosures(d.stage)) throw conflict("drafts.errors.final");
    const p = await trx
      .insertInto("draft_patents")
      .values({ draft_id: draftId, holder: input.holder, patent_number: input.number, description: input.description, disclosed_by: a.id })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      actorId: a.id,
      action: "draft.patent_disclosed",
      entityType: "draft",
      entityId: draftId,
      after: { patentId: p.id, holder: input.holder, patentNumber: input.number },
    });
    return p.id;
  });
}
