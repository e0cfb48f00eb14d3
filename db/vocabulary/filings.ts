/** What a deal filing stores (deal_filings.record), below both db/ and the models (it imports nothing). */

/** A listing as it stood when the deal was filed: the version both parties agreed on. */
export interface FiledListing {
  id: string;
  kind: string;
  version: number;
  title: string;
  titleEn: string | null;
  orgName: string;
  dataCategory: string;
  grade: string;
  rights: string[];
  deliveryModes: string[];
  pricingModel: string;
  priceMin: number | null;
  priceMax: number | null;
  sectors: string[];
  regions: string[];
  /** The compliance declarations as the listing carried them at filing. */
  compliance: { personalInfo: boolean; legalBasis: string | null; importantData: boolean; crossBorder: boolean; declaration: string | null };
}

/** The steps of the deal, ISO times (null where a step left no trace, e.g. a deal begun before audit rows). */
export const FILING_STEPS = ["matched", "interested", "negotiating", "agreed", "filed"] as const;
export type FilingStep = (typeof FILING_STEPS)[number];

/** What the filing record keeps, written once when the deal is filed (deal_filings.record). */
export interface FilingRecord {
  supplyListing: FiledListing;
  demandListing: FiledListing;
  steps: Record<FilingStep, string | null>;
  /** A deal on a cross-border listing: its route and the step the parties had reached (absent before issue 35). */
  crossBorder?: { route: string; step: string } | null;
}
