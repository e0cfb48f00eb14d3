import { z } from "zod";
import { choice, requiredText } from "../core/zod-fields";
import { uuidParam } from "../core/params";
import { DISPUTE_OUTCOMES } from "./dispute-vocabulary";

/*
 * The dispute forms, one schema each, parsed by the browser (Conform) and by the action alike. The
 * dispute page posts several forms to one action; `intent` tells them apart (disputeMoveSchema).
 * Files travel beside the form (evidence.server.ts checks them), never through these schemas.
 */

export const DISPUTE_TITLE_MAX = 120;
export const STATEMENT_MAX = 4000;
export const OUTCOME_REASON_MAX = 2000;

export const openDisputeSchema = z.object({
  matchId: uuidParam,
  title: requiredText(4, DISPUTE_TITLE_MAX),
  claim: requiredText(10, STATEMENT_MAX),
});
export type OpenDisputeInput = z.infer<typeof openDisputeSchema>;

const body = requiredText(2, STATEMENT_MAX);

export const answerSchema = z.object({ intent: z.literal("answer"), body });
export const statementSchema = z.object({ intent: z.literal("statement"), body });
export const noteSchema = z.object({ intent: z.literal("note"), body });
/** The mediator: "secretariat", or the id of a member organisation offering dispute resolution. */
export const assignSchema = z.object({
  intent: z.literal("assign"),
  mediator: z.union([z.literal("secretariat"), uuidParam], { errorMap: () => ({ message: "v.choose" }) }),
});
export const decideSchema = z.object({ intent: z.literal("decide"), outcome: choice(DISPUTE_OUTCOMES), reason: requiredText(2, OUTCOME_REASON_MAX) });

/** Every form of the dispute page, told apart by `intent`. */
export const disputeMoveSchema = z.discriminatedUnion("intent", [answerSchema, statementSchema, noteSchema, assignSchema, decideSchema], {
  errorMap: () => ({ message: "v.invalid" }),
});
export type DisputeMoveInput = z.infer<typeof disputeMoveSchema>;
