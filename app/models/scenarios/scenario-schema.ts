import { z } from "zod";
import { choice, filterChoice, optionalText, pageNumber, requiredText, searchText } from "../core/zod-fields";
import { DELIVERY_MODES, ORG_TYPES, REGIONS, SECTORS } from "../core/enums";
import { ILLUSTRATION_PATH, UPLOADED_IMAGE_PATH } from "../media/image-paths";
import type { SameShape } from "../core/same-shape";
import type { Figure } from "../../../db/vocabulary/scenarios";
import { CROSSBORDER_AREAS } from "../../../db/vocabulary/crossborder-areas";

export type { Figure };

/**
 * The one schema for an application scenario (form and any future API), and the catalog's.
 * Messages are i18n keys: the shared `v.*` ones, or `scenarios.v.*` for this capability.
 */
import { SCENARIO_STAGES, SIGNED_OFF_STAGES, type ScenarioStage } from "../../../db/vocabulary/scenarios";

export { SCENARIO_STAGES, type ScenarioStage };
export const MAX_IMAGES = 6;
export const MAX_RESULTS = 12;
export const MAX_LINKS = 20;

const str = requiredText;
const optStr = optionalText;
const ids = (max: number) =>
  z
    .array(z.string().uuid("v.invalid"), { invalid_type_error: "v.invalid" })
    .max(max, `v.tooMany.${max}`)
    .default([])
    .transform((v) => [...new Set(v)]);

export const figureSchema = z.object({
  label: str(1, 60),
  value: z.union([z.number(), z.string().trim()], { invalid_type_error: "scenarios.v.number" }).transform((v, ctx) => {
    const n = typeof v === "number" ? v : v === "" ? NaN : Number(v.replace(/,/g, ""));
    if (!Number.isFinite(n) || Math.abs(n) > 1e15) {
      ctx.addIssue({ code: "custom", message: "scenarios.v.number" });
      return z.NEVER;
    }
    return n;
  }),
  unit: optStr(20),
});
const _figureIsStored: SameShape<z.infer<typeof figureSchema>, Figure> = true;

/** Images are the platform's own: uploaded through the form (stored and resized) or its illustrations; never hotlinked. */
export const imageUrlSchema = z
  .string({ invalid_type_error: "v.invalid" })
  .trim()
  .max(500, "v.tooLong.500")
  .refine((v) => UPLOADED_IMAGE_PATH.test(v) || ILLUSTRATION_PATH.test(v), "scenarios.v.ownImage");

export const scenarioInputSchema = z.object({
  title: str(4, 120),
  /** An English title beside the Chinese one, shown to English readers and searchable. */
  titleEn: optStr(160),
  sector: choice(SECTORS),
  region: choice(REGIONS),
  problem: str(10, 5000),
  dataDescription: optStr(3000),
  listingIds: ids(MAX_LINKS),
  deliveryModes: z
    .array(choice(DELIVERY_MODES), { required_error: "v.chooseSome", invalid_type_error: "v.invalid" })
    .min(1, "v.chooseSome")
    .max(DELIVERY_MODES.length, `v.tooMany.${DELIVERY_MODES.length}`)
    .transform((v) => [...new Set(v)]),
  participantOrgIds: ids(MAX_LINKS),
  results: z.array(figureSchema, { invalid_type_error: "v.invalid" }).max(MAX_RESULTS, `v.tooMany.${MAX_RESULTS}`).default([]),
  imageUrls: z
    .array(imageUrlSchema, { invalid_type_error: "v.invalid" })
    .max(MAX_IMAGES, `v.tooMany.${MAX_IMAGES}`)
    .default([])
    .transform((v) => [...new Set(v)]),
  /** The areas of cross-border mutual recognition it serves (issue 35); none ticked is a scenario that stays in the mainland. */
  crossborderAreas: z
    .array(choice(CROSSBORDER_AREAS), { invalid_type_error: "v.invalid" })
    .default([])
    .transform((v) => [...new Set(v)]),
});
export type ScenarioInput = z.infer<typeof scenarioInputSchema>;

const lines = (text: string | undefined) =>
  (text ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** A browser form's fields -> the schema's shape (multi-selects, one figure per line). */
export function scenarioFromForm(form: FormData): Record<string, unknown> {
  const one = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : undefined;
  };
  const all = (k: string) => form.getAll(k).filter((v): v is string => typeof v === "string" && v !== "");
  return {
    title: one("title"),
    titleEn: one("titleEn"),
    sector: one("sector"),
    region: one("region"),
    problem: one("problem"),
    dataDescription: one("dataDescription"),
    listingIds: all("listingIds"),
    deliveryModes: all("deliveryModes"),
    participantOrgIds: all("participantOrgIds"),
    // "label | value | unit", one figure per line
    results: lines(one("results")).map((line) => {
      const [label, value, unit] = line.split(/[|｜]/).map((p) => p.trim());
      return { label: label ?? "", value: value ?? "", unit: unit || null };
    }),
    // The images kept (ticked); new files come separately and are stored by the model.
    imageUrls: all("imageUrls"),
    crossborderAreas: all("crossborderAreas"),
  };
}

/** Figures back to the form's text. */
export function resultsToText(results: Figure[]): string {
  return results.map((r) => [r.label, String(r.value), r.unit ?? ""].join(" | ").replace(/ \| $/, "")).join("\n");
}

export const scenarioQuerySchema = z.object({
  q: searchText,
  sector: filterChoice(SECTORS),
  stage: filterChoice(SCENARIO_STAGES),
  region: filterChoice(REGIONS),
  orgType: filterChoice(ORG_TYPES),
  page: pageNumber(500),
});
export type ScenarioQuery = z.infer<typeof scenarioQuerySchema>;

export const stageChangeSchema = z.object({ to: choice(SCENARIO_STAGES) });

const currentYear = new Date().getFullYear();
export const editionInputSchema = z.object({
  year: z.coerce
    .number({ invalid_type_error: "v.number" })
    .int("v.number")
    .min(2000, "scenarios.v.year")
    .max(currentYear + 5, "scenarios.v.year"),
  title: str(4, 120),
  intro: optStr(5000).transform((v) => v ?? ""),
});
export type EditionInput = z.infer<typeof editionInputSchema>;

const checkbox = z
  .union([z.boolean(), z.string()])
  .optional()
  .transform((v) => v === true || v === "on" || v === "true");

export const entryInputSchema = z.object({
  editionId: z.string().uuid("v.invalid"),
  scenarioId: z.string({ required_error: "v.required" }).uuid("scenarios.v.chooseScenario"),
  demonstration: checkbox,
});
export const editionRefSchema = z.object({ editionId: z.string().uuid("v.invalid") });

/** A manager of a named organisation answers the invitation to take part (0033). */
export const PARTICIPANT_ANSWERS = ["confirm", "decline"] as const;
export const participantAnswerSchema = z.object({ answer: choice(PARTICIPANT_ANSWERS) });

export const EVIDENCE_MAX = 3000;
export const EVIDENCE_FILE_MAX_BYTES = 5 * 1024 * 1024;

/** Asking the secretariat to sign off the next stage: what happened, with an optional link (and file). */
export const stageRequestSchema = z.object({
  to: choice(SIGNED_OFF_STAGES),
  evidence: str(10, EVIDENCE_MAX),
  evidenceUrl: optStr(500).refine((v) => !v || /^https?:\/\/[^\s]+$/i.test(v), "consent.v.url"),
});
export type StageRequestInput = z.infer<typeof stageRequestSchema>;

export const SIGNOFF_DECISIONS = ["approve", "refuse"] as const;
/** The secretariat's answer; a refusal carries its reason (the publisher reads it). */
export const signoffSchema = z
  .object({
    requestId: z.string({ required_error: "v.invalid" }).uuid("v.invalid"),
    decision: choice(SIGNOFF_DECISIONS),
    reason: optStr(1000),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "refuse" && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "consent.v.reasonRequired" });
  });
export type SignoffInput = z.infer<typeof signoffSchema>;
