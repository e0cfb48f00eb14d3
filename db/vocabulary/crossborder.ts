/**
 * The vocabularies of cross-border declarations (issue 35, migration 0037), below both db/ and the
 * models (it imports nothing): app/models/crossborder/routes.ts builds its rule table on them and the
 * migration's CHECK constraints hold the columns to them (test/vocabularies.test.ts).
 */

/** Where the data goes: out of the mainland to Hong Kong, Macau or elsewhere, into the mainland, or nowhere. */
export const DIRECTIONS = ["to_hong_kong", "to_macau", "to_elsewhere", "into_mainland", "none"] as const;

/** What lets a flow go out without any of the three mechanisms (Provisions arts 3-5). */
export const EXEMPTIONS = ["contract", "hr", "emergency", "collected_abroad", "trade_no_pi"] as const;

export const RECIPIENT_KINDS = ["enterprise", "university", "research", "government", "hospital", "individual", "other"] as const;

export const ROUTES = ["no_flow", "inbound", "exempt", "gba_standard_contract", "contract_or_certification", "security_assessment"] as const;

/** A listing's cross-border declaration as the listing form, the API and the import give it. */
export interface CrossBorderFlow {
  direction: (typeof DIRECTIONS)[number];
  people: number;
  sensitivePeople: number;
  researchData: boolean;
  ciio: boolean;
  processorInGba: boolean;
  exemption: (typeof EXEMPTIONS)[number] | null;
  recipientKind: (typeof RECIPIENT_KINDS)[number];
  purpose: string;
}

/**
 * The six areas of mutual recognition of data the policy names for the Nansha cross-border pilot
 * (item 二十): business registration, social credit, social insurance, food safety, health care and
 * product tracing. A scenario tagged with one or more is a cross-border scenario (migration 0039).
 */
export const CROSSBORDER_AREAS = ["business_registration", "social_credit", "social_insurance", "food_safety", "health_care", "product_tracing"] as const;
export type CrossBorderArea = (typeof CROSSBORDER_AREAS)[number];
