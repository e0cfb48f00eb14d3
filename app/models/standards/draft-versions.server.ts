import { diffArrays } from "diff";
import { LRUCache } from "lru-cache";
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { writeAudit } from "../core/audit.server";
import type { VersionInput } from "./draft-schema";
import { isFinal } from "./draft-rules";
import { requireDraftEditor, watcherIds, without } from "./draft-access.server";
import { getDraft } from "./drafts.server";
import { DomainError, conflict } from "../core/errors";
import { deliver, noRealtime, storeNotifications, type Realtime } from "../core/notifications.server";
import type { Actor } from "../core/permissions";

type Db = Kysely<Database>;

/** Versions of a draft's text: saving one (by its editors, never once final) and comparing any two. */

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

/** Versions never change once saved, so a pair's diff is computed once per process (the 200 most recent kept). */
const diffCache = new LRUCache<string, LineDiffResult>({ max: 200 });

export async function diffVersions(db: Db, actor: Actor | null, groupId: string, draftId: string, from: number, to: number) {
  const page = await getDraft(db, actor, groupId, draftId);
  const rows = await db.selectFrom("draft_versions").select(["number", "body"]).where("draft_id", "=", draftId).where("number", "in", [from, to]).execute();
  const a = rows.find((r) => r.number === from);
  const b = rows.find((r) => r.number === to);
  if (!a || !b) throw new DomainError(404, "drafts.errors.noSuchVersion");
  const key = `${draftId}:${from}:${to}`;
  let result = diffCache.get(key);
  if (result === undefined) {
    result = lineDiff(a.body, b.body);
    diffCache.set(key, result);
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
