import { z } from "zod";
import { choice, filterChoice, requiredText } from "../core/zod-fields";
import { DIRECTIONS, EXEMPTIONS, RECIPIENT_KINDS, ROUTES } from "./routes";
import { LISTING_STATUSES } from "../core/enums";
import type { CrossBorderFlow } from "../../../db/vocabulary/crossborder";
import type { SameShape } from "../core/same-shape";

export type { CrossBorderFlow };

/** A head count from a form string or a JSON number; empty means 0. At most ten thousand million. */
const headCount = z
  .union([z.number(), z.string().trim()], { invalid_type_error: "v.number" })
  .nullish()
  .transform((v, ctx) => {
    if (v === null || v === undefined || v === "") return 0;
    const n = typeof v === "number" ? v : Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 2_000_000_000) {
      ctx.addIssue({ code: "custom", message: "v.cbCount" });
      return z.NEVER;
    }
    return n;
  });

const flag = z.boolean({ invalid_type_error: "v.invalid" }).default(false);

/**
 * A listing's cross-border declaration (issue 35): part of the listing's one schema (listing-schema.ts),
 * so the form, the JSON API and the import take it alike. Whether the data holds personal information
 * or important data is the listing's compliance declaration; the route reads both.
 */
export const crossBorderFlowSchema = z.object(
  {
    direction: choice(DIRECTIONS),
    people: headCount,
    sensitivePeople: headCount,
    researchData: flag,
    ciio: flag,
    processorInGba: flag,
    exemption: choice(EXEMPTIONS)
      .nullish()
      .transform((v) => v ?? null),
    recipientKind: choice(RECIPIENT_KINDS),
    purpose: requiredText(4, 500),
  },
  { invalid_type_error: "v.invalid" },
);

const _flowIsStored: SameShape<z.infer<typeof crossBorderFlowSchema>, CrossBorderFlow> = true;

/** The listing form's field names: the declaration's paths, so a refusal lands beside its field. */
export const F = Object.fromEntries(
  (["direction", "people", "sensitivePeople", "researchData", "ciio", "processorInGba", "exemption", "recipientKind", "purpose"] as const).map((k) => [
    k,
    `crossBorderFlow.${k}`,
  ]),
) as Record<keyof CrossBorderFlow, string>;

/** The form's fields -> the declaration, or null when no direction is chosen. */
export function crossBorderFromForm(form: FormData): Record<string, unknown> | null {
  const one = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : undefined;
  };
  if (!one(F.direction)) return null;
  return {
    direction: one(F.direction),
    people: one(F.people),
    sensitivePeople: one(F.sensitivePeople),
    researchData: form.get(F.researchData) === "on",
    ciio: form.get(F.ciio) === "on",
    processorInGba: form.get(F.processorInGba) === "on",
    exemption: one(F.exemption) || null,
    recipientKind: one(F.recipientKind),
    purpose: one(F.purpose),
  };
}

/** The secretariat's monitoring view: by route and listing status; a value not understood is dropped. */
export const flowQuerySchema = z.object({
  route: filterChoice(ROUTES),
  status: filterChoice(LISTING_STATUSES),
});
export type FlowQuery = z.infer<typeof flowQuerySchema>;
