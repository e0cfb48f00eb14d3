import { z } from "zod";
import { choice, requiredText } from "../core/zod-fields";
import { bigserialId } from "../core/params";
import { REPORT_CATEGORIES, REPORT_DECISIONS, REPORT_TARGETS } from "./vocabulary";

/*
 * The report and decision forms, one schema each, parsed by the browser (Conform) and by the
 * action alike. Messages are i18n keys; the form adapter translates them into the reader's language.
 */

export const REPORT_DESCRIPTION_MAX = 2000;
export const DECISION_REASON_MAX = 1000;

/** A target's id: group messages are numbered (bigserial), everything else is a uuid. */
const targetId = z.string({ required_error: "v.invalid" }).trim();

/** An id of the right shape for its kind of target, so a malformed one names nothing before any query. */
function targetIdFits(type: (typeof REPORT_TARGETS)[number], id: string): boolean {
  return (type === "group_message" ? bigserialId : z.string().uuid()).safeParse(id).success;
}

export const reportInputSchema = z
  .object({
    targetType: choice(REPORT_TARGETS),
    targetId,
    category: choice(REPORT_CATEGORIES),
    description: requiredText(10, REPORT_DESCRIPTION_MAX),
  })
  .refine((v) => targetIdFits(v.targetType, v.targetId), { path: ["targetId"], message: "v.invalid" });
export type ReportInput = z.infer<typeof reportInputSchema>;

/** Where the report form starts: the query string names the target. */
export const reportTargetQuery = z.object({ type: choice(REPORT_TARGETS), id: targetId }).refine((v) => targetIdFits(v.type, v.id));

export const decisionInputSchema = z.object({
  reportId: z.string({ required_error: "v.invalid" }).uuid("v.invalid"),
  decision: choice(REPORT_DECISIONS),
  reason: requiredText(2, DECISION_REASON_MAX),
});
export type DecisionInput = z.infer<typeof decisionInputSchema>;
