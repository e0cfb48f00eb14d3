/** Standards vocabulary and stored shapes, below both db/ and the models (it imports nothing). */

export const DRAFT_STAGES = ["preliminary", "proposal", "drafting", "public_comment", "review", "approval", "published", "withdrawn"] as const;
export const RESOLUTIONS = ["accepted", "accepted_in_part", "rejected", "noted"] as const;
export type DraftStageName = (typeof DRAFT_STAGES)[number];
export type ResolutionName = (typeof RESOLUTIONS)[number];

export const VOTE_CHOICES = ["yes", "no", "abstain"] as const;

/** A ballot's counted votes (ballots.tally). */
export interface Tally {
  eligible: number;
  yes: number;
  no: number;
  abstain: number;
}

/** A working group's milestone (working_groups.milestones); `due` is YYYY-MM-DD. */
export interface Milestone {
  label: string;
  due: string;
}
