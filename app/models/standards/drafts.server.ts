import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { writeAudit } from "../core/audit.server";
import type { DraftInput, DraftStageName, StageInput } from "./draft-schema";
import { MIN_COMMENT_DAYS, canMove, commentWindowOpen, editsDraft, isFinal, minCommentDays, nextStages } from "./draft-rules";
import { canSee, editorChoices, isDraftEditor, loadDraft, viewer, watcherIds, without, type Viewer } from "./draft-access.server";
import { commentRows } from "./draft-comments.server";
import { conflict, forbidden, invalid, notFound, refusingDuplicates } from "../core/errors";
import { groupMemberIds, requireGroupRole, seesGroupRooms } from "./groups.server";
import { deliver, noRealtime, storeNotifications, type Realtime } from "../core/notifications.server";
import { requireUser, type Actor, approvedOrg } from "../core/permissions";
import { likePatterns } from "../core/search.server";

type Db = Kysely<Database>;

/**
 * Standard drafts of a working group: the list, creation, the page, the stage machine, watchers,
 * the comment-resolution table and search. Versions and their diff live in draft-versions.server.ts,
 * comments and patents in draft-comments.server.ts, who may read or edit in draft-access.server.ts. Every read and write asks the
 * group (groupRole / requireGroupRole) first; the rules themselves (who moves a draft, who edits it,
 * when it is final, the comment window) are decided once in draft-rules.ts.
 */
export async function listDrafts(db: Db, actor: Actor | null, groupId: string) {
  const v = await viewer(db, actor, groupId);
  const rows = await db
    .selectFrom("drafts")
    .select([
      "drafts.id",
      "drafts.code",
      "drafts.title",
      "drafts.title_en",
      "drafts.stage",
      "drafts.comment_closes_at",
      "drafts.updated_at",
      sql<number>`(select coalesce(max(number), 0)::int from draft_versions v where v.draft_id = drafts.id)`.as("versions"),
      sql<number>`(select count(*)::int from draft_comments c where c.draft_id = drafts.id)`.as("comments"),
    ])
    .where("group_id", "=", groupId)
    .orderBy("drafts.code")
    .execute();
  const role = v.active ? v.membership!.role : null;
  return {
    group: { id: groupId, name: v.groupName, rooms: seesGroupRooms(v.convenor, v.active) },
    drafts: rows
      .filter((r) => canSee(v, actor, r.stage))
      .map((r) => ({ ...r, updated_at: r.updated_at.toISOString(), comment_closes_at: r.comment_closes_at?.toISOString() ?? null })),
    canCreate: v.convenor || role === "editor",
    editorChoices: v.convenor || role === "editor" ? await editorChoices(db, groupId) : [],
    myId: actor?.id ?? null,
  };
}

export async function createDraft(db: Db, actor: Actor | null, groupId: string, input: DraftInput): Promise<string> {
  const a = requireUser(actor);
  const role = await requireGroupRole(db, a, groupId, ["convenor", "editor"]);
  return refusingDuplicates({ drafts_code_key: ["drafts.errors.codeTaken", "code"] }, () =>
    db.transaction().execute(async (trx) => {
      const allowed = new Set((await editorChoices(trx, groupId)).map((e) => e.id));
      const editors = new Set(input.editorIds);
      if (role === "editor" || allowed.has(a.id)) editors.add(a.id);
      for (const id of editors) if (!allowed.has(id)) throw invalid("drafts.errors.editorNotInGroup", "editorIds");
      const draft = await trx
        .insertInto("drafts")
        .values({ group_id: groupId, code: input.code, title: input.title, title_en: input.titleEn, scope: input.scope, created_by: a.id })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (editors.size)
        await trx
          .insertInto("draft_editors")
          .values([...editors].map((user_id) => ({ draft_id: draft.id, user_id })))
          .execute();
      if (input.body) await trx.insertInto("draft_versions").values({ draft_id: draft.id, number: 1, body: input.body, author_id: a.id, note: null }).execute();
      await writeAudit(trx, {
        actorId: a.id,
        action: "draft.created",
        entityType: "draft",
        entityId: draft.id,
        after: { groupId, code: input.code, stage: "preliminary", editors: [...editors] },
      });
      return draft.id;
    }),
  );
}

export async function getDraft(db: Db, actor: Actor | null, groupId: string, draftId: string) {
  const v = await viewer(db, actor, groupId);
  const d = await loadDraft(db, groupId, draftId);
  if (!canSee(v, actor, d.stage)) throw forbidden(actor ? "drafts.errors.notVisible" : "errors.signInRequired");
  const [editors, versions, comments, patents, watching] = await Promise.all([
    db
      .selectFrom("draft_editors")
      .innerJoin("users", "users.id", "draft_editors.user_id")
      .select(["users.id", "users.display_name as name"])
      .where("draft_id", "=", draftId)
      .orderBy("users.display_name")
      .execute(),
    db
      .selectFrom("draft_versions")
      .innerJoin("users", "users.id", "draft_versions.author_id")
      .select(["draft_versions.number", "draft_versions.note", "draft_versions.created_at", "users.display_name as author"])
      .where("draft_id", "=", draftId)
      .orderBy("number", "desc")
      .execute(),
    commentRows(db, draftId),
    db
      .selectFrom("draft_patents")
      .innerJoin("users", "users.id", "draft_patents.disclosed_by")
      .select([
        "draft_patents.id",
        "draft_patents.holder",
        "draft_patents.patent_number",
        "draft_patents.description",
        "draft_patents.comment_id",
        "users.display_name as disclosedBy",
      ])
      .where("draft_id", "=", draftId)
      .orderBy("draft_patents.created_at")
      .execute(),
    actor ? db.selectFrom("draft_watches").select("user_id").where("draft_id", "=", draftId).where("user_id", "=", actor.id).executeTakeFirst() : undefined,
  ]);
  const latest = versions.length
    ? await db
        .selectFrom("draft_versions")
        .select(["number", "body"])
        .where("draft_id", "=", draftId)
        .where("number", "=", versions[0].number)
        .executeTakeFirstOrThrow()
    : null;
  const isEditor = editsDraft({ convenor: v.convenor, role: v.active ? v.membership!.role : null, listed: editors.some((e) => e.id === actor?.id) });
  const commentOpen = commentWindowOpen(d);
  return {
    group: { id: groupId, name: v.groupName, rooms: seesGroupRooms(v.convenor, v.active) },
    draft: {
      id: d.id,
      code: d.code,
      title: d.title,
      titleEn: d.title_en,
      scope: d.scope,
      stage: d.stage,
      commentOpensAt: d.comment_opens_at?.toISOString() ?? null,
      commentClosesAt: d.comment_closes_at?.toISOString() ?? null,
    },
    editors,
    versions: versions.map((x) => ({ ...x, created_at: x.created_at.toISOString() })),
    latest,
    comments,
    patents,
    me: {
      signedIn: !!actor,
      role: v.active ? v.membership!.role : null,
      isEditor,
      isConvenor: v.convenor,
      watching: !!watching,
      canComment: commentOpen && !!approvedOrg(actor),
      canResolve: isEditor && !isFinal(d.stage),
      canSaveVersion: isEditor && !isFinal(d.stage),
      minCommentDays: minCommentDays(v.convenor),
      moves: nextStages(d.stage).filter((to) => canMove(d.stage, to, { convenor: v.convenor, editor: isEditor })),
    },
    commentOpen,
  };
}

export async function changeStage(db: Db, actor: Actor | null, groupId: string, draftId: string, input: StageInput, realtime: Realtime = noRealtime) {
  const a = requireUser(actor);
  const role = await requireGroupRole(db, a, groupId, ["convenor", "editor"]);
  const convenor = role === "convenor";
  const notes = await db.transaction().execute(async (trx) => {
    const d = await trx
      .selectFrom("drafts")
      .select(["stage", "code", "title", "title_en"])
      .where("id", "=", draftId)
      .where("group_id", "=", groupId)
      .forUpdate()
      .executeTakeFirst();
    if (!d) throw notFound();
    const editor = editsDraft({ convenor, role, listed: !convenor && (await isDraftEditor(trx, draftId, a.id)) });
    if (!nextStages(d.stage).includes(input.to) || input.to === "preliminary") throw conflict("drafts.errors.badTransition");
    if (!canMove(d.stage, input.to, { convenor, editor })) throw forbidden("drafts.errors.stageNotYours");
    const set: { stage: DraftStageName; comment_opens_at?: Date; comment_closes_at?: Date } = { stage: input.to };
    if (input.to === "public_comment") {
      const days = input.days ?? MIN_COMMENT_DAYS;
      if (days < minCommentDays(convenor)) throw invalid("drafts.errors.periodTooShort", "days");
      const versions = await trx.selectFrom("draft_versions").select("id").where("draft_id", "=", draftId).limit(1).execute();
      if (!versions.length) throw conflict("drafts.errors.noText");
      const opens = new Date();
      set.comment_opens_at = opens;
      set.comment_closes_at = new Date(opens.getTime() + days * 86_400_000);
    }
    await trx
      .updateTable("drafts")
      .set({ ...set, updated_at: sql`now()` })
      .where("id", "=", draftId)
      .execute();
    await writeAudit(trx, {
      actorId: a.id,
      action: "draft.stage_changed",
      entityType: "draft",
      entityId: draftId,
      before: { stage: d.stage },
      after: { stage: input.to, note: input.note, commentClosesAt: set.comment_closes_at?.toISOString() },
    });
    const to = without([...(await groupMemberIds(trx, groupId)), ...(await watcherIds(trx, draftId))], a.id);
    return storeNotifications(trx, to, "draft.stage", {
      groupId,
      draftId,
      code: d.code,
      title: d.title,
      titleEn: d.title_en,
      from: d.stage,
      stage: input.to,
    });
  });
  deliver(realtime, notes);
}

/** Anyone who may read the draft and is signed in may watch it. */
export async function setWatch(db: Db, actor: Actor | null, groupId: string, draftId: string, watch: boolean) {
  const a = requireUser(actor);
  const v = await viewer(db, a, groupId);
  const d = await loadDraft(db, groupId, draftId);
  if (!canSee(v, a, d.stage)) throw forbidden("drafts.errors.notVisible");
  if (watch)
    await db
      .insertInto("draft_watches")
      .values({ draft_id: draftId, user_id: a.id })
      .onConflict((oc) => oc.doNothing())
      .execute();
  else await db.deleteFrom("draft_watches").where("draft_id", "=", draftId).where("user_id", "=", a.id).execute();
}

/** The comment-resolution table (意见汇总处理表): who may see the draft may see it. */
export async function commentTable(db: Db, actor: Actor | null, groupId: string, draftId: string) {
  const page = await getDraft(db, actor, groupId, draftId);
  const patents = new Map<string, string[]>();
  for (const p of page.patents) if (p.comment_id) patents.set(p.comment_id, [...(patents.get(p.comment_id) ?? []), `${p.holder} ${p.patent_number}`]);
  return { group: page.group, draft: page.draft, rows: page.comments.map((c) => ({ ...c, patents: patents.get(c.id) ?? [] })) };
}

/** Drafts whose code or title contains the text, in any script: only those this reader may open. */
export async function searchDrafts(db: Db, actor: Actor | null, text: string, limit = 5) {
  const likes = likePatterns(text);
  const rows = await db
    .selectFrom("drafts")
    .innerJoin("working_groups", "working_groups.id", "drafts.group_id")
    .select(["drafts.id", "drafts.group_id", "drafts.code", "drafts.title", "drafts.title_en", "drafts.stage", "working_groups.name as group_name"])
    .where((eb) => eb.or(likes.flatMap((like) => [eb("drafts.code", "ilike", like), eb("drafts.title", "ilike", like), eb("drafts.title_en", "ilike", like)])))
    .orderBy("drafts.updated_at", "desc")
    .limit(50)
    .execute();
  const viewers = new Map<string, Viewer>();
  for (const groupId of new Set(rows.map((r) => r.group_id))) viewers.set(groupId, await viewer(db, actor, groupId));
  return rows.filter((r) => canSee(viewers.get(r.group_id)!, actor, r.stage)).slice(0, limit);
}
