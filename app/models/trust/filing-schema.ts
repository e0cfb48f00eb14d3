import { z } from "zod";
import { choice, optionalText } from "../core/zod-fields";
import { DELIVERY_MODES } from "../core/enums";
import { CROSSBORDER_STEPS } from "../../../db/vocabulary/crossborder";

/** The deal filing form (交易备案), one schema for the browser (Conform) and the action. */

export const AMOUNT_MAX = 1e12;
export const TERM_MONTHS_MAX = 120;
export const PRICING_TERMS_MAX = 1000;

/** `YS-BA-<year>-<6 digits>` (DESIGN.md), the number a certificate is opened by. */
export const FILING_NUMBER = /^YS-BA-\d{4}-\d{6}$/;
export const filingNumberParam = z.string().regex(FILING_NUMBER, "v.invalid");

export const filingInputSchema = z.object({
  matchId: z.string({ required_error: "v.invalid" }).uuid("v.invalid"),
  // Form text becomes numbers by Conform's coercion (parseWithZod), on both sides alike.
  amount: z.number({ required_error: "v.required", invalid_type_error: "v.number" }).min(0, "v.number").max(AMOUNT_MAX, "v.number"),
  termMonths: z.number({ required_error: "v.required", invalid_type_error: "v.number" }).int("v.number").min(1, "v.number").max(TERM_MONTHS_MAX, "v.number"),
  // No delivery mode is preselected: the parties pick the one they agreed on.
  deliveryMode: choice(DELIVERY_MODES),
  pricingTerms: optionalText(PRICING_TERMS_MAX),
  // Asked only for a deal on a cross-border listing whose route needs a step first (stepsToFile).
  crossBorderStep: z.enum(CROSSBORDER_STEPS, { errorMap: () => ({ message: "v.choose" }) }).optional(),
});
export type FilingInput = z.infer<typeof filingInputSchema>;

// The filing record's shape is stored (deal_filings.record): it lives below both db/ and the models.
import { FILING_STEPS, type FiledListing, type FilingRecord, type FilingStep } from "../../../db/vocabulary/filings";

export { FILING_STEPS, type FiledListing, type FilingRecord, type FilingStep };
