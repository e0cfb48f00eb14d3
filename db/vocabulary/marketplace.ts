/**
 * The JSON shapes the marketplace stores (listings.fields, listings.compliance, match reasons),
 * below both db/ and the models (it imports nothing). The zod schemas in app/models/marketplace
 * yield exactly these shapes (checked there at compile time).
 */

/** One field of a listing's data dictionary. */
export interface FieldSpec {
  name: string;
  type: string;
  meaning: string | null;
}

/** A listing's compliance declarations. */
export interface Compliance {
  personalInfo: boolean;
  legalBasis: string | null;
  importantData: boolean;
  crossBorder: boolean;
  declaration: string | null;
}

/** Why two listings match, shown to both sides. */
export type Reason =
  | { code: "sector"; sectors: string[] }
  | { code: "terms"; terms: string[] }
  | { code: "delivery"; modes: string[] }
  | { code: "rights"; rights: string[] }
  | { code: "region"; regions: string[] }
  | { code: "price" }
  | { code: "fresh"; days: number }
  /** Added when a match is read (issue 35): the supply's declared flow reaches a demand abroad by this route. */
  | { code: "crossborder"; route: string; needsAssessment: boolean };
