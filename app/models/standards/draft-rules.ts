import type { GroupRole } from "../../../db/tables/standards";
import type { DraftStageName } from "../../../db/vocabulary/standards";

/*
 * The rules of a standard draft, decided here once and read by the draft models, the pages (through
 * what the models hand them: `me.moves`, `me.canSaveVersion`, `me.minCommentDays`) and the tests.
 * Pure functions over small tables: no database, no actor lookups.
 */

/** The forward path; `withdrawn` leaves it from any stage before `published`. */
export const STAGE_PATH = ["preliminary", "proposal", "drafting", "public_comment", "review", "approval", "published"] as const;

/**
 * Who moves a draft into each stage (one step forward only, or withdrawn before publication):
 *   proposal (立项), review (审查), approval (报批), published (发布), withdrawn: the convenor;
 *   drafting (起草), public_comment (征求意见): the draft's editors or the convenor.
 */
export type Mover = "convenor" | "editor";
export const STAGE_MOVERS: Record<Exclude<DraftStageName, "preliminary">, Mover> = {
  proposal: "convenor",
  drafting: "editor",
  public_comment: "editor",
  review: "convenor",
  approval: "convenor",
  published: "convenor",
  withdrawn: "convenor",
};

/** A published or withdrawn draft is final: no new version, no resolution, no further stage. */
export const FINAL: readonly DraftStageName[] = ["published", "withdrawn"];
export const isFinal = (stage: DraftStageName) => FINAL.includes(stage);

/** A withdrawn draft takes no more patent disclosures; a published standard still does. */
export const takesDisclosures = (stage: DraftStageName) => stage !== "withdrawn";

/** A draft becomes visible beyond the group once it goes out for public comment. */
export const OPEN_STAGES: readonly DraftStageName[] = ["public_comment", "review", "approval", "published"];
/** Anyone reads a draft out for public comment (征求意见) and a published standard. */
export const PUBLIC_STAGES: readonly DraftStageName[] = ["public_comment", "published"];

/** The public comment period: at least 30 days, unless the convenor shortens it; at most a year. */
export const MIN_COMMENT_DAYS = 30;
export const MAX_COMMENT_DAYS = 365;
/** The shortest period this reader may set (the convenor may go down to a day). */
export const minCommentDays = (convenor: boolean) => (convenor ? 1 : MIN_COMMENT_DAYS);

export function nextStages(from: DraftStageName): DraftStageName[] {
  if (isFinal(from)) return [];
  const i = STAGE_PATH.indexOf(from as (typeof STAGE_PATH)[number]);
  return [STAGE_PATH[i + 1], "withdrawn"];
}

export function canMove(from: DraftStageName, to: DraftStageName, rights: { convenor: boolean; editor: boolean }): boolean {
  if (to === "preliminary" || !nextStages(from).includes(to)) return false;
  return STAGE_MOVERS[to] === "convenor" ? rights.convenor : rights.editor || rights.convenor;
}

/** Whether the comment window is open at `now`: in public comment, between its opening and its (exclusive) close. */
export function commentWindowOpen(
  d: { stage: DraftStageName; comment_opens_at: Date | null; comment_closes_at: Date | null },
  now: number = Date.now(),
): boolean {
  return (
    d.stage === "public_comment" && !!d.comment_opens_at && !!d.comment_closes_at && d.comment_opens_at.getTime() <= now && now < d.comment_closes_at.getTime()
  );
}

/**
 * "Editor of a draft": a group convenor (or the secretariat, who convenes for oversight), or an active
 * group editor listed on the draft.
 */
export function editsDraft(rights: { convenor: boolean; role: GroupRole | null; listed: boolean }): boolean {
  return rights.convenor || (rights.role === "editor" && rights.listed);
}
