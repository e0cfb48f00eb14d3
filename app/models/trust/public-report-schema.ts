import { z } from "zod";
import { requiredText } from "../core/zod-fields";
import { signInSchema } from "../accounts/account-schema";
import { REPORT_DESCRIPTION_MAX } from "./report-schema";

/*
 * The public personal-information report (举报, 信息安全举报机制): anyone, signed out too, says what
 * is affected (a page of this site or free text), what is wrong, and where to reach them. One
 * schema for the browser (Conform), the action and the model; messages are i18n keys.
 */

export const PUBLIC_AFFECTED_MAX = 500;

export const publicReportSchema = z.object({
  affected: requiredText(2, PUBLIC_AFFECTED_MAX),
  description: requiredText(10, REPORT_DESCRIPTION_MAX),
  contactEmail: signInSchema.shape.email,
});
export type PublicReportInput = z.infer<typeof publicReportSchema>;

/** The button on the page behind the mailed link posts the token back. */
export const confirmPublicReportSchema = z.object({
  token: z
    .string({ required_error: "trust.publicReport.linkUnknown" })
    .trim()
    .min(1, "trust.publicReport.linkUnknown")
    .max(200, "trust.publicReport.linkUnknown"),
});
