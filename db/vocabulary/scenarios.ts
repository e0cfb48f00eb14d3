/** Scenario vocabulary and stored shapes, below both db/ and the models (it imports nothing). */

export const SCENARIO_STAGES = ["proposed", "pilot", "demonstration"] as const;
export type ScenarioStage = (typeof SCENARIO_STAGES)[number];

/** One result figure of a scenario (scenarios.results). */
export interface Figure {
  label: string;
  value: number;
  unit: string | null;
}

/** A named participant's answer (scenario_participants.status, 0033): shown only once confirmed. */
export const PARTICIPANT_STATUSES = ["invited", "confirmed", "declined"] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

/** The stages a sign-off request starts from and asks for (scenario_stage_requests, 0033). */
export const STAGE_REQUEST_FROM = ["proposed", "pilot"] as const;
export const SIGNED_OFF_STAGES = ["pilot", "demonstration"] as const;
export const STAGE_REQUEST_STATUSES = ["pending", "approved", "refused"] as const;
