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

/** The step a cross-border deal has reached when it is filed (kept in the filing record). */
export const CROSSBORDER_STEPS = ["contract_signed", "certified", "assessment_passed"] as const;

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
