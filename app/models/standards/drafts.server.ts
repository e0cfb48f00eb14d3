import { diffArrays } from "diff";
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import type { GroupRole } from "../../../db/tables/standards";
import { writeAudit } from "../core/audit.server";
import type { CommentInput, DraftInput, DraftStageName, PatentInput, ResolutionInput, StageInput, VersionInput } from "./draft-schema";
import {
  MIN_COMMENT_DAYS,
  OPEN_STAGES,
  PUBLIC_STAGES,
  canMove,
  commentWindowOpen,
  editsDraft,
  isFinal,
  minCommentDays,
  nextStages,
  takesDisclosures,
} from "./draft-rules";
import { DomainError, conflict, forbidden, invalid, notFound, refusingDuplicates } from "../core/errors";
import { convenesGroup, groupMemberIds, groupRole, requireGroupRole, type Membership } from "./groups.server";
import { deliver, noRealtime, storeNotifications, type Realtime } from "../core/notifications.server";
import { isApprovedMember, isSecretariat, requireUser, type Actor, requireApprovedMember, approvedOrg } from "../core/permissions";
import { likePatterns } from "../core/search.server";

type Db = Kysely<Database>;
type Tx = Transaction<Database> | Db;

/**
 * Standard drafts of a working group: the stage machine, versions of the text, public comment
 * and its resolution, patent disclosures and watchers. Every read and write asks the group
 * (groupRole / requireGroupRole) first; the rules themselves (who moves a draft, who edits it,
 * when it is final, the comment window) are decided once in draft-rules.ts.
 */
interface Viewer {
  membership: Membership | null;
  active: boolean;
  convenor: boolean;
}

async function viewer(db: Tx, actor: Actor | null, groupId: string): Promise<Viewer & { groupName: string }> {
  const group = await db.selectFrom("working_groups").select(["id", "name"]).where("id", "=", groupId).executeTakeFirst();
  if (!group) throw notFound();
  const membership = await groupRole(db as Db, actor, groupId);
  const active = membership?.status === "active";
  return { membership, active, convenor: convenesGroup(actor, membership), groupName: group.name };
}

/** The group reads its own work; anyone the public stages; members of approved organisations the later stages too. */
function canSee(v: Viewer, actor: Actor | null, stage: DraftStageName): boolean {
  if (v.active || isSecretariat(actor)) return true;
  if (PUBLIC_STAGES.includes(stage)) return true;
  return isApprovedMember(actor) && OPEN_STAGES.includes(stage);
}

async function loadDraft(db: Tx, groupId: string, draftId: string) {
  const d = await db.selectFrom("drafts").selectAll().where("id", "=", draftId).where("group_id", "=", groupId).executeTakeFirst();
  if (!d) throw notFound();
  return d;
}

async function isDraftEditor(db: Tx, draftId: string, userId: string) {
  return !!(await db.selectFrom("draft_editors").select("user_id").where("draft_id", "=", draftId).where("user_id", "=", userId).executeTakeFirst());
}

/** Convenors, and group editors listed on the draft; everyone else is refused with a 403. */
async function requireDraftEditor(db: Db, actor: Actor | null, groupId: string, draftId: string): Promise<{ actor: Actor; role: GroupRole }> {
  const a = requireUser(actor);
  const role = await requireGroupRole(db, a, groupId, ["convenor", "editor"]);
  await loadDraft(db, groupId, draftId);
  const convenor = role === "convenor";
  if (!editsDraft({ convenor, role, listed: !convenor && (await isDraftEditor(db, draftId, a.id)) })) throw forbidden("drafts.errors.notEditor");
  return { actor: a, role };
}

async function watcherIds(db: Tx, draftId: string): Promise<string[]> {
  return (await db.selectFrom("draft_watches").select("user_id").where("draft_id", "=", draftId).execute()).map((r) => r.user_id);
}

const without = (ids: string[], except: string) => [...new Set(ids)].filter((id) => id !== except);

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
    group: { id: groupId, name: v.groupName },
    drafts: rows
      .filter((r) => canSee(v, actor, r.stage))
      .map((r) => ({ ...r, updated_at: r.updated_at.toISOString(), comment_closes_at: r.comment_closes_at?.toISOString() ?? null })),
    canCreate: v.convenor || role === "editor",
    editorChoices: v.convenor || role === "editor" ? await editorChoices(db, groupId) : [],
    myId: actor?.id ?? null,
  };
}

async function editorChoices(db: Tx, groupId: string) {
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
    group: { id: groupId, name: v.groupName },
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

async function commentRows(db: Tx, draftId: string) {
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

export async function saveVersion(
  db: Db,
  actor: Actor | null,
  groupId: string,
  draftId: string,
  input: VersionInput,
  realtime: Realtime = noRealtime,
): Promise<number> {
  const { actor: a } = await requireDraftEditor(db, actor, groupId, draftId);
  const { number, notes } = await db.transaction().execute(async (trx) => {
    const d = await trx.selectFrom("drafts").select(["stage", "code", "title"]).where("id", "=", draftId).forUpdate().executeTakeFirstOrThrow();
    if (isFinal(d.stage)) throw conflict("drafts.errors.final");
    const last = await trx
      .selectFrom("draft_versions")
      .select(sql<number>`coalesce(max(number), 0)::int`.as("n"))
      .where("draft_id", "=", draftId)
      .executeTakeFirstOrThrow();
    const number = last.n + 1;
    await trx.insertInto("draft_versions").values({ draft_id: draftId, number, body: input.body, author_id: a.id, note: input.note }).execute();
    await trx
      .updateTable("drafts")
      .set({ updated_at: sql`now()` })
      .where("id", "=", draftId)
      .execute();
    await writeAudit(trx, { actorId: a.id, action: "draft.version_saved", entityType: "draft", entityId: draftId, after: { number, note: input.note } });
    const notes = await storeNotifications(trx, without(await watcherIds(trx, draftId), a.id), "draft.version", {
      groupId,
      draftId,
      code: d.code,
      title: d.title,
      number,
    });
    return { number, notes };
  });
  deliver(realtime, notes);
  return number;
}

export async function changeStage(db: Db, actor: Actor | null, groupId: string, draftId: string, input: StageInput, realtime: Realtime = noRealtime) {
  const a = requireUser(actor);
  const role = await requireGroupRole(db, a, groupId, ["convenor", "editor"]);
  const convenor = role === "convenor";
  const notes = await db.transaction().execute(async (trx) => {
    const d = await trx
      .selectFrom("drafts")
      .select(["stage", "code", "title"])
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
    return storeNotifications(trx, to, "draft.stage", { groupId, draftId, code: d.code, title: d.title, from: d.stage, stage: input.to });
  });
  deliver(realtime, notes);
}

export async function addComment(db: Db, actor: Actor | null, groupId: string, draftId: string, input: CommentInput): Promise<string> {
  const a = requireApprovedMember(actor);
  const v = await viewer(db, a, groupId);
  return db.transaction().execute(async (trx) => {
    const d = await loadDraft(trx, groupId, draftId);
    if (!canSee(v, a, d.stage)) throw forbidden("drafts.errors.notVisible");
    if (!commentWindowOpen(d)) throw conflict("drafts.errors.commentClosed");
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

export type DiffLine = { kind: "added" | "removed" | "same"; text: string } | { kind: "gap"; count: number };

/*
 * The whole diff request, not just the diff call, has a budget: a request must not hold the event
 * loop more than a few tens of milliseconds. Lines both versions share at the start and the end
 * are matched by a linear scan; only the changed middle goes to the quadratic line diff, and only
 * while it is small enough (DIFF_MAX_MIDDLE_LINES) to finish inside DIFF_BUDGET_MS. Unchanged runs
 * are shown as a few lines of context around each change and a count of the rest, so the page
 * grows with the edit, not with the document (99,000 unchanged lines are one "gap" entry).
 */
const DIFF_BUDGET_MS = 30;
const DIFF_MAX_EDIT_LINES = 2_000;
/** Changed lines (both sides together) past which two versions are "too long to compare here". */
export const DIFF_MAX_MIDDLE_LINES = 4_000;
/** Unchanged lines kept on each side of a change. */
const DIFF_CONTEXT = 3;

export type LineDiffResult = { lines: DiffLine[] } | { tooLarge: true } | { tooDifferent: true };

/**
 * A line diff of two texts (line ends normalised, so a missing final newline is no change), with
 * long unchanged runs folded into gaps; or why there is none within the budget.
 */
export function lineDiff(before: string, after: string): LineDiffResult {
  const split = (s: string) => s.replace(/\r\n?/g, "\n").replace(/\n*$/, "").split("\n");
  const a = split(before);
  const b = split(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const aMid = a.slice(head, a.length - tail);
  const bMid = b.slice(head, b.length - tail);
  if (aMid.length + bMid.length > DIFF_MAX_MIDDLE_LINES) return { tooLarge: true };
  const parts = diffArrays(aMid, bMid, { timeout: DIFF_BUDGET_MS, maxEditLength: DIFF_MAX_EDIT_LINES });
  if (!parts) return { tooDifferent: true };
  const full: { kind: "added" | "removed" | "same"; text: string }[] = a.slice(0, head).map((text) => ({ kind: "same" as const, text }));
  for (const part of parts) {
    const kind = part.added ? "added" : part.removed ? "removed" : "same";
    for (const text of part.value) full.push({ kind, text });
  }
  for (const text of a.slice(a.length - tail)) full.push({ kind: "same", text });
  return { lines: foldUnchanged(full) };
}

/** Keeps DIFF_CONTEXT unchanged lines around each change and replaces longer unchanged runs by a gap. */
function foldUnchanged(lines: { kind: "added" | "removed" | "same"; text: string }[]): DiffLine[] {
  const out: DiffLine[] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i].kind !== "same") {
      out.push(lines[i++]);
      continue;
    }
    let j = i;
    while (j < lines.length && lines[j].kind === "same") j++;
    const keepBefore = i === 0 ? 0 : DIFF_CONTEXT;
    const keepAfter = j === lines.length ? 0 : DIFF_CONTEXT;
    const run = j - i;
    // A gap must hide more than it costs: short runs, and a document without changes, stay whole.
    if (run > keepBefore + keepAfter + 1 && !(i === 0 && j === lines.length)) {
      out.push(...lines.slice(i, i + keepBefore), { kind: "gap", count: run - keepBefore - keepAfter }, ...lines.slice(j - keepAfter, j));
    } else out.push(...lines.slice(i, j));
    i = j;
  }
  return out;
}

const diffCache = new Map<string, LineDiffResult>();

export async function diffVersions(db: Db, actor: Actor | null, groupId: string, draftId: string, from: number, to: number) {
  const page = await getDraft(db, actor, groupId, draftId);
  const rows = await db.selectFrom("draft_versions").select(["number", "body"]).where("draft_id", "=", draftId).where("number", "in", [from, to]).execute();
  const a = rows.find((r) => r.number === from);
  const b = rows.find((r) => r.number === to);
  if (!a || !b) throw new DomainError(404, "drafts.errors.noSuchVersion");
  // Versions never change once saved, so a pair's diff is computed once per process.
  const key = `${draftId}:${from}:${to}`;
  let result = diffCache.get(key);
  if (result === undefined) {
    result = lineDiff(a.body, b.body);
    diffCache.set(key, result);
    if (diffCache.size > 200) diffCache.delete(diffCache.keys().next().value!);
  }
  const lines = "lines" in result ? result.lines : [];
  return {
    group: page.group,
    draft: page.draft,
    versions: page.versions.map((v) => v.number),
    from,
    to,
    tooDifferent: "tooDifferent" in result,
    tooLarge: "tooLarge" in result,
    /** The span of changed lines (per version, roughly) a diff may cover: the figure the "too large" message names. */
    maxLines: DIFF_MAX_MIDDLE_LINES / 2,
    lines,
    added: lines.filter((l) => l.kind === "added").length,
    removed: lines.filter((l) => l.kind === "removed").length,
  };
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
