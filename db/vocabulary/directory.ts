/** Enterprise profile vocabulary, below both db/ and the models (it imports nothing). */

export const VISIBILITIES = ["public", "members", "investors"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** Fields whose visibility the owner chooses. */
export const PROFILE_FIELDS = [
  "introduction",
  "businessScope",
  "products",
  "sectors",
  "dataAssets",
  "dcmmLevel",
  "certifications",
  "serviceTypes",
  "teamSize",
  "revenueBand",
  "fundingStage",
  "financing",
  "keyScenarios",
] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];
