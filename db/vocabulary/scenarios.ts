/** Scenario vocabulary and stored shapes, below both db/ and the models (it imports nothing). */

export const SCENARIO_STAGES = ["proposed", "pilot", "demonstration"] as const;
export type ScenarioStage = (typeof SCENARIO_STAGES)[number];

/** One result figure of a scenario (scenarios.results). */
export interface Figure {
  label: string;
  value: number;
  unit: string | null;
}
