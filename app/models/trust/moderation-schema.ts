import { z } from "zod";
import { choice, requiredText } from "../core/zod-fields";
import { bigserialId } from "../core/params";
import { APPEAL_OUTCOMES, MODERATION_KINDS, MODERATION_TARGETS } from "./vocabulary";

/*
 * The moderation forms (hide, restore, appeal, answer an appeal, ask the reporter, answer the
 * moderators), one schema each, parsed by the browser (Conform) and by the action alike.
 */

export const MODERATION_REASON_MAX = 1000;
export const STATEMENT_MAX = 2000;

const uuid = z.string({ required_error: "v.invalid" }).uuid("v.invalid");

/** The moderators' own hide or suspension, naming the content by kind and id. */
export const moderateInputSchema = z
  .object({
    targetType: choice(MODERATION_TARGETS),
    targetId: z.string({ required_error: "v.invalid" }).trim(),
    kind: choice(MODERATION_KINDS),
    reason: requiredText(2, MODERATION_REASON_MAX),
  })
  .refine((v) => (v.targetType === "group_message" ? bigserialId : z.string().uuid()).safeParse(v.targetId).success, {
    path: ["targetId"],
    message: "v.invalid",
  })
  .refine((v) => v.kind === "hide" || v.targetType === "organisation", { path: ["kind"], message: "moderation.errors.suspendOrgOnly" });
export type ModerateInput = z.infer<typeof moderateInputSchema>;

export const restoreInputSchema = z.object({ actionId: uuid, reason: requiredText(2, MODERATION_REASON_MAX) });

export const appealInputSchema = z.object({ actionId: uuid, statement: requiredText(10, STATEMENT_MAX) });

export const appealDecisionSchema = z.object({ actionId: uuid, outcome: choice(APPEAL_OUTCOMES), reason: requiredText(2, MODERATION_REASON_MAX) });

export const askReporterSchema = z.object({ reportId: uuid, question: requiredText(5, MODERATION_REASON_MAX) });

export const answerModeratorsSchema = z.object({ reportId: uuid, statement: requiredText(5, STATEMENT_MAX) });
