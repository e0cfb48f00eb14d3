import { z } from "zod";
import { choice, choices as sharedChoices, filterChoice, nonNegativeNumber, optionalText, pageNumber } from "../core/zod-fields";
import { REGIONS, SECTORS } from "../core/enums";

/**
 * Enterprise and investor profiles: vocabularies, the one schema per form, visibility rules and
 * the completeness meter. Pure (no database), so routes, models and tests share it.
 */
export const SERVICE_TYPES = [
  "integration",
  "brokerage",
  "compliance",
  "security_audit",
  "notarisation",
  "insurance",
  "custody",
  "valuation",
  "dispute_resolution",
  "risk_assessment",
  "training",
] as const;
export const TEAM_SIZES = ["s1_20", "s21_50", "s51_200", "s201_500", "s501_plus"] as const;
export const REVENUE_BANDS = ["pre_revenue", "under_5m", "r5m_50m", "r50m_200m", "over_200m"] as const;
export const FUNDING_STAGES = ["bootstrapped", "seed", "angel", "series_a", "series_b", "series_c_plus", "pre_ipo", "listed"] as const;
export const DCMM_LEVELS = [1, 2, 3, 4, 5] as const;
import { PROFILE_FIELDS, VISIBILITIES, type ProfileField, type Visibility } from "../../../db/vocabulary/directory";

export { VISIBILITIES, type Visibility };
/** Organisation types that have an enterprise profile. */
export const PROFILE_ORG_TYPES = ["enterprise", "service_provider"] as const;
export type ProfileOrgType = (typeof PROFILE_ORG_TYPES)[number];

/** Fields whose visibility the owner chooses (db/vocabulary/directory.ts), with the default when never chosen. */
export { PROFILE_FIELDS, type ProfileField };
export const DEFAULT_VISIBILITY: Record<ProfileField, Visibility> = {
  introduction: "public",
  businessScope: "public",
  products: "public",
  sectors: "public",
  dataAssets: "public",
  dcmmLevel: "public",
  certifications: "public",
  serviceTypes: "public",
  teamSize: "members",
  revenueBand: "investors",
  fundingStage: "investors",
  financing: "investors",
  keyScenarios: "public",
};

/** Which fields count towards completeness for each organisation type. */
export function completenessFields(type: string): ProfileField[] {
  return PROFILE_FIELDS.filter((f) => (f === "serviceTypes" ? type === "service_provider" : f === "dataAssets" ? type === "enterprise" : true));
}

export interface ProfileData {
  introduction: string | null;
  businessScope: string | null;
  products: string[];
  sectors: string[];
  dataAssets: { id: string; title: string }[];
  dcmmLevel: number | null;
  certifications: string[];
  serviceTypes: string[];
  teamSize: string | null;
  revenueBand: string | null;
  fundingStage: string | null;
  financing: { sought: boolean; min: number | null; max: number | null; use: string | null } | null;
  keyScenarios: string[];
}

function filled(p: ProfileData, f: ProfileField, hasAssets: boolean): boolean {
  if (f === "dataAssets") return hasAssets;
  const v = p[f];
  if (f === "financing") return !!p.financing && (!p.financing.sought || (p.financing.max !== null && !!p.financing.use));
  if (Array.isArray(v)) return v.length > 0;
  return v !== null && v !== undefined && v !== "";
}

/**
 * Percentage filled and the fields still missing, for the owner's meter (and for sorting).
 * `hasAssets` stands in for the asset list where a page reads only whether there is one (the directory).
 */
export function completeness(type: string, p: ProfileData, hasAssets = p.dataAssets.length > 0): { percent: number; missing: ProfileField[] } {
  const fields = completenessFields(type);
  const missing = fields.filter((f) => !filled(p, f, hasAssets));
  return { percent: Math.round(((fields.length - missing.length) / fields.length) * 100), missing };
}

/** The filled fields other than the data assets (those come from listings; the directory counts them in SQL). */
export function filledOwnFields(type: string, p: ProfileData): number {
  return completenessFields(type).filter((f) => f !== "dataAssets" && filled(p, f, false)).length;
}

const LEVELS: Record<Visibility, number> = { public: 0, members: 1, investors: 2 };
/** What a viewer may see: 0 anonymous, 1 member of an approved organisation, 2 investor, 3 the owner. */
export type ViewerLevel = 0 | 1 | 2 | 3;
export function canSee(level: ViewerLevel, vis: Visibility): boolean {
  return level >= 3 || level >= LEVELS[vis];
}

// ---------------------------------------------------------------- form schemas

const optText = optionalText;
const optChoice = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([choice(values), z.literal(""), z.null(), z.undefined()], { errorMap: () => ({ message: "v.choose" }) })
    .transform((v) => (v ? (v as T[number]) : null));
const choices = <T extends readonly [string, ...string[]]>(values: T, max: number) => sharedChoices(values, max, 0).default([]);
/** Free-text lists: one item a line (or an array from JSON), each at most `len` characters. */
const lines = (maxItems: number, len: number) =>
  z
    .union([z.string(), z.array(z.string())], { invalid_type_error: "v.invalid" })
    .nullish()
    .transform((v, ctx) => {
      const items = [...new Set((Array.isArray(v) ? v : (v ?? "").split(/\r?\n/)).map((s) => s.trim()).filter(Boolean))];
      if (items.length > maxItems) ctx.addIssue({ code: "custom", message: `v.tooMany.${maxItems}` });
      else if (items.some((s) => s.length > len)) ctx.addIssue({ code: "custom", message: `v.tooLong.${len}` });
      return items;
    });
/** An amount in 10,000 CNY (万元). */
const amount = nonNegativeNumber(1e9);
const dcmm = z
  .union([z.number(), z.string().trim()], { invalid_type_error: "v.choose" })
  .nullish()
  .transform((v, ctx) => {
    if (v === null || v === undefined || v === "") return null;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 5) {
      ctx.addIssue({ code: "custom", message: "profiles.v.dcmm" });
      return z.NEVER;
    }
    return n;
  });
const visibilitySchema = z
  .object(
    Object.fromEntries(PROFILE_FIELDS.map((f) => [f, choice(VISIBILITIES).optional()])) as Record<
      ProfileField,
      z.ZodOptional<z.ZodEnum<["public", "members", "investors"]>>
    >,
  )
  .default({})
  .transform((v) => ({ ...DEFAULT_VISIBILITY, ...Object.fromEntries(Object.entries(v).filter(([, x]) => x)) }) as Record<ProfileField, Visibility>);

export const profileInputSchema = z
  .object({
    introduction: optText(4000),
    businessScope: optText(2000),
    products: lines(20, 120),
    sectors: choices(SECTORS, 6),
    dcmmLevel: dcmm,
    certifications: lines(20, 120),
    serviceTypes: choices(SERVICE_TYPES, SERVICE_TYPES.length),
    teamSize: optChoice(TEAM_SIZES),
    revenueBand: optChoice(REVENUE_BANDS),
    fundingStage: optChoice(FUNDING_STAGES),
    financingSought: z
      .union([z.boolean(), z.enum(["yes", "no", ""])], { errorMap: () => ({ message: "v.choose" }) })
      .nullish()
      .transform((v) => (v === true || v === "yes" ? true : v === false || v === "no" ? false : null)),
    financingMin: amount,
    financingMax: amount,
    financingUse: optText(1000),
    keyScenarios: lines(20, 200),
    visibility: visibilitySchema,
  })
  .superRefine((v, ctx) => {
    if (v.financingMin !== null && v.financingMax !== null && v.financingMin > v.financingMax) {
      ctx.addIssue({ code: "custom", path: ["financingMax"], message: "profiles.v.rangeOrder" });
    }
    if (v.financingSought) {
      if (v.financingMax === null) ctx.addIssue({ code: "custom", path: ["financingMax"], message: "profiles.v.financingAmount" });
      if (!v.financingUse) ctx.addIssue({ code: "custom", path: ["financingUse"], message: "profiles.v.financingUse" });
    }
  });
export type ProfileInput = z.infer<typeof profileInputSchema>;

export const investorProfileSchema = z
  .object({
    thesis: optText(2000),
    focusSectors: choices(SECTORS, SECTORS.length).refine((v) => v.length > 0, "v.chooseSome"),
    stages: choices(FUNDING_STAGES, FUNDING_STAGES.length).refine((v) => v.length > 0, "v.chooseSome"),
    ticketMin: amount,
    ticketMax: amount,
    regions: choices(REGIONS, REGIONS.length),
  })
  .superRefine((v, ctx) => {
    if (v.ticketMin !== null && v.ticketMax !== null && v.ticketMin > v.ticketMax) {
      ctx.addIssue({ code: "custom", path: ["ticketMax"], message: "profiles.v.rangeOrder" });
    }
  });
export type InvestorProfileInput = z.infer<typeof investorProfileSchema>;

export const introductionSchema = z.object({
  message: z
    .string({ required_error: "v.required", invalid_type_error: "v.invalid" })
    .trim()
    .min(1, "v.required")
    .min(10, "v.tooShort.10")
    .max(2000, "v.tooLong.2000"),
});
export const answerSchema = z.object({
  id: z.string().uuid("v.invalid"),
  decision: z.enum(["accept", "decline"], { errorMap: () => ({ message: "v.choose" }) }),
  note: optText(1000),
});
export const watchSchema = z.object({ note: optText(2000) });

export const directoryFilterSchema = z.object({
  sector: filterChoice(SECTORS),
  dcmm: z.coerce.number().int().min(1).max(5).optional().catch(undefined),
  stage: filterChoice(FUNDING_STAGES),
  financing: z.enum(["yes", "no"]).optional().catch(undefined),
  region: filterChoice(REGIONS),
  type: filterChoice(PROFILE_ORG_TYPES),
  service: filterChoice(SERVICE_TYPES),
  /** The lowest stored credit score shown (0-100); organisations without a score are left out. */
  // An empty field (the form's "any") is no minimum: z.coerce would read "" as 0 and leave out every unscored organisation.
  minCredit: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(0).max(100).optional()).catch(undefined),
  sort: z.enum(["completeness", "credit", "dcmm", "newest"]).catch("completeness"),
  page: pageNumber(1000),
});
export type DirectoryFilter = z.infer<typeof directoryFilterSchema>;

/** Form fields -> the schema's input: checkbox groups as arrays, visibility selects as an object. */
export function profileFromForm(form: FormData): Record<string, unknown> {
  const one = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : undefined;
  };
  const all = (k: string) => form.getAll(k).filter((v): v is string => typeof v === "string");
  const visibility: Record<string, string> = {};
  for (const f of PROFILE_FIELDS) {
    const v = one(`vis_${f}`);
    if (v) visibility[f] = v;
  }
  return {
    introduction: one("introduction"),
    businessScope: one("businessScope"),
    products: one("products"),
    sectors: all("sectors"),
    dcmmLevel: one("dcmmLevel"),
    certifications: one("certifications"),
    serviceTypes: all("serviceTypes"),
    teamSize: one("teamSize"),
    revenueBand: one("revenueBand"),
    fundingStage: one("fundingStage"),
    financingSought: one("financingSought"),
    financingMin: one("financingMin"),
    financingMax: one("financingMax"),
    financingUse: one("financingUse"),
    keyScenarios: one("keyScenarios"),
    visibility,
  };
}

export function investorFromForm(form: FormData): Record<string, unknown> {
  const one = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : undefined;
  };
  const all = (k: string) => form.getAll(k).filter((v): v is string => typeof v === "string");
  return {
    thesis: one("thesis"),
    focusSectors: all("focusSectors"),
    stages: all("stages"),
    ticketMin: one("ticketMin"),
    ticketMax: one("ticketMax"),
    regions: all("regions"),
  };
}
