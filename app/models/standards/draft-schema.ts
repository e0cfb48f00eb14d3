import { z } from "zod";
import { choice, optionalText, requiredText } from "../core/zod-fields";
import { positiveInt4 } from "../core/params";
import { MAX_COMMENT_DAYS } from "./draft-rules";

import { DRAFT_STAGES, RESOLUTIONS, type DraftStageName, type ResolutionName } from "../../../db/vocabulary/standards";

export { DRAFT_STAGES, RESOLUTIONS, type DraftStageName, type ResolutionName };

/** e.g. `T/GZDEA 003-2026`, `GB/T 43697-2024`, `DB4401/T 12-2023`: prefix, number, year. */
export const DRAFT_CODE = /^[A-Z]{1,3}[0-9]{0,6}(?:\/[A-Z]{1,10})? [0-9]{1,6}(?:\.[0-9]{1,3})?-(?:19|20)[0-9]{2}$/;

const code = z
  .string({ required_error: "v.required", invalid_type_error: "v.invalid" })
  .trim()
  .transform((v) => v.replace(/\s+/g, " ").toUpperCase())
  .pipe(z.string().min(1, "v.required").max(40, "v.tooLong.40").regex(DRAFT_CODE, "drafts.errors.codeFormat"));

const uuidList = z
  .union([z.array(z.string()), z.string()])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : v.split(/[\s,]+/)).filter(Boolean))
  .pipe(z.array(z.string().uuid("v.invalid")).max(20, "v.tooMany.20"))
  .transform((v) => [...new Set(v)]);

export const draftInputSchema = z.object({
  code,
  title: requiredText(2, 200),
  titleEn: optionalText(300),
  scope: requiredText(10, 4000),
  editorIds: uuidList,
  body: optionalText(200_000),
});
export type DraftInput = z.infer<typeof draftInputSchema>;

export const versionInputSchema = z.object({
  body: requiredText(1, 200_000),
  note: optionalText(500),
});
export type VersionInput = z.infer<typeof versionInputSchema>;

const days = z
  .union([z.number(), z.string().trim()], { invalid_type_error: "v.number" })
  .nullish()
  .transform((v, ctx) => {
    if (v === null || v === undefined || v === "") return null;
    const n = typeof v === "number" ? v : Number(v);
    if (!Number.isInteger(n) || n < 1 || n > MAX_COMMENT_DAYS) {
      ctx.addIssue({ code: "custom", message: "drafts.errors.days" });
      return z.NEVER;
    }
    return n;
  });

export const stageInputSchema = z.object({
  to: choice(DRAFT_STAGES),
  /** Only when entering public comment: length of the period (default MIN_COMMENT_DAYS, draft-rules.ts). */
  days,
  note: optionalText(500),
});
export type StageInput = z.infer<typeof stageInputSchema>;

export const patentSchema = z.object({
  holder: requiredText(2, 200),
  number: requiredText(3, 60),
  description: optionalText(1000),
});
export type PatentInput = z.infer<typeof patentSchema>;

export const commentInputSchema = z
  .object({
    clause: requiredText(1, 40),
    comment: requiredText(2, 5000),
    proposedChange: optionalText(5000),
    patentHolder: optionalText(200),
    patentNumber: optionalText(60),
    patentDescription: optionalText(1000),
  })
  .superRefine((v, ctx) => {
    if (!!v.patentHolder !== !!v.patentNumber) {
      ctx.addIssue({ code: "custom", path: [v.patentHolder ? "patentNumber" : "patentHolder"], message: "drafts.errors.patentIncomplete" });
    }
  });
export type CommentInput = z.infer<typeof commentInputSchema>;

export const resolutionInputSchema = z.object({
  commentId: z.string({ required_error: "v.required" }).uuid("v.invalid"),
  resolution: choice(RESOLUTIONS),
  reason: requiredText(2, 2000),
});
export type ResolutionInput = z.infer<typeof resolutionInputSchema>;

export const watchInputSchema = z.object({ watch: z.enum(["on", "off"], { errorMap: () => ({ message: "v.choose" }) }) });

export const diffQuerySchema = z.object({
  from: positiveInt4,
  to: positiveInt4,
});
