import { z } from "zod";
import { GROUP_ROLES, STANDARD_TYPES } from "../core/enums";
import { choice, optionalText, requiredText } from "../core/zod-fields";
import type { SameShape } from "../core/same-shape";
import type { Milestone } from "../../../db/vocabulary/standards";

export type { Milestone };

export const milestoneSchema = z.object({ label: requiredText(1, 100), due: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "v.date") });
const _milestoneIsStored: SameShape<z.infer<typeof milestoneSchema>, Milestone> = true;

const milestoneList = z.array(milestoneSchema).max(20, "v.tooMany.20");

/** The milestones as the group form writes them, one "label | 2026-12-31" a line; a mistake is named on the field itself. */
const milestonesText = z
  .string({ invalid_type_error: "v.invalid" })
  .max(20_000, "v.tooLong.20000")
  .optional()
  .transform((text, ctx) => {
    const parsed = milestoneList.safeParse(milestonesFromText(text ?? ""));
    if (parsed.success) return parsed.data;
    ctx.addIssue({ code: "custom", message: parsed.error.issues[0].message });
    return z.NEVER;
  });

/** The new-group form, in the browser (Conform) and in the action alike. */
export const groupInputSchema = z.object({
  name: requiredText(2, 100),
  nameEn: optionalText(200),
  scope: requiredText(10, 2000),
  charter: requiredText(10, 20_000),
  standardType: choice(STANDARD_TYPES),
  convenorEmail: z.string({ required_error: "v.required" }).trim().toLowerCase().email("v.email"),
  milestones: milestonesText,
});
export type GroupInput = z.infer<typeof groupInputSchema>;

export const joinRequestSchema = z.object({ message: optionalText(500) });
export const joinDecisionSchema = z.object({
  userId: z.string().uuid("v.invalid"),
  decision: z.enum(["accept", "decline"], { errorMap: () => ({ message: "v.choose" }) }),
  role: choice(GROUP_ROLES).default("member"),
});

/** "label | 2026-12-31" lines -> milestones. */
export function milestonesFromText(text: string): { label: string; due: string }[] {
  return text
    .split("\n")
    .map((line) => line.split("|").map((p) => p.trim()))
    .filter((p) => p[0])
    .map(([label, due]) => ({ label, due: due ?? "" }));
}
