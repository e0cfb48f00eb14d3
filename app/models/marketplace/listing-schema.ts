import { z } from "zod";
import { choice, choices, filterChoice, nonNegativeNumber, optionalText, pageNumber, requiredText, searchText } from "../core/zod-fields";
import { DATA_CATEGORIES, DATA_GRADES, DELIVERY_MODES, LISTING_KINDS, PRICING_MODELS, REGIONS, RIGHTS, SECTORS, UPDATE_FREQUENCIES } from "../core/enums";
import type { Compliance, FieldSpec } from "../../../db/vocabulary/marketplace";
import type { SameShape } from "../core/same-shape";
import { crossBorderFlowSchema, crossBorderFromForm } from "../crossborder/declaration-schema";
import { ROUTES, contradicts } from "../crossborder/routes";

export type { Compliance, FieldSpec };

/**
 * The one schema for a listing, used by the form, the JSON API and the bulk import. Messages are
 * i18n keys (see validation.ts).
 */
const str = requiredText;
const optStr = optionalText;
const price = nonNegativeNumber(1e12);

export const fieldSpecSchema = z.object({
  name: str(1, 60),
  type: str(1, 30),
  meaning: optStr(200),
});
const _fieldSpecIsStored: SameShape<z.infer<typeof fieldSpecSchema>, FieldSpec> = true;

export const complianceSchema = z.object(
  {
    personalInfo: z.boolean({ invalid_type_error: "v.invalid" }).default(false),
    legalBasis: optStr(300),
    importantData: z.boolean({ invalid_type_error: "v.invalid" }).default(false),
    crossBorder: z.boolean({ invalid_type_error: "v.invalid" }).default(false),
    declaration: optStr(2000),
  },
  { required_error: "v.required", invalid_type_error: "v.invalid" },
);

const _complianceIsStored: SameShape<z.infer<typeof complianceSchema>, Compliance> = true;

export const listingInputSchema = z
  .object({
    kind: choice(LISTING_KINDS),
    title: str(4, 120),
    /** An English title beside the Chinese one, shown to English readers and searchable. */
    titleEn: optStr(160),
    description: str(10, 20_000),
    dataCategory: choice(DATA_CATEGORIES),
    grade: choice(DATA_GRADES),
    rights: choices(RIGHTS, 3),
    deliveryModes: choices(DELIVERY_MODES, 7),
    pricingModel: choice(PRICING_MODELS),
    priceMin: price,
    priceMax: price,
    sectors: choices(SECTORS, 5),
    regions: choices(REGIONS, 8),
    tags: z.array(str(1, 20), { invalid_type_error: "v.invalid" }).max(10, "v.tooMany.10").default([]),
    updateFrequency: choice(UPDATE_FREQUENCIES)
      .nullish()
      .transform((v) => v ?? null),
    timeCoverage: optStr(100),
    fields: z.array(fieldSpecSchema, { invalid_type_error: "v.invalid" }).max(200, "v.tooMany.200").default([]),
    sampleDescription: optStr(2000),
    scenario: str(4, 1000),
    compliance: complianceSchema,
    /** The cross-border declaration (issue 35); none when the listing declares no flow. */
    crossBorderFlow: crossBorderFlowSchema.nullish().transform((v) => v ?? null),
    contactName: str(1, 80),
    contactEmail: z.string({ required_error: "v.required" }).trim().max(254, "v.tooLong.254").email("v.email"),
    contactPhone: optStr(40),
    externalId: optStr(100),
  })
  .superRefine((v, ctx) => {
    if (v.grade === "core") ctx.addIssue({ code: "custom", path: ["grade"], message: "v.coreData" });
    if (v.priceMin !== null && v.priceMax !== null && v.priceMin > v.priceMax) {
      ctx.addIssue({ code: "custom", path: ["priceMax"], message: "v.priceOrder" });
    }
    if (v.compliance.personalInfo && !v.compliance.legalBasis) {
      ctx.addIssue({ code: "custom", path: ["compliance", "legalBasis"], message: "v.legalBasis" });
    }
    if (v.grade === "important" && !(v.compliance.importantData && v.compliance.declaration)) {
      ctx.addIssue({ code: "custom", path: ["compliance", "declaration"], message: "v.importantDeclaration" });
    }
    if (v.dataCategory === "personal" && !v.compliance.personalInfo) {
      ctx.addIssue({ code: "custom", path: ["compliance", "personalInfo"], message: "v.personalInfo" });
    }
    if (v.crossBorderFlow && contradicts({ exemption: v.crossBorderFlow.exemption, personalInfo: v.compliance.personalInfo })) {
      ctx.addIssue({ code: "custom", path: ["crossBorderFlow", "exemption"], message: "v.cbTradeWithPi" });
    }
  });

export type ListingInput = z.infer<typeof listingInputSchema>;

/** A browser form's fields -> the shape the schema takes (checkbox groups, lines of fields). */
export function listingFromForm(form: FormData): Record<string, unknown> {
  const one = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : undefined;
  };
  const all = (k: string) => form.getAll(k).filter((v): v is string => typeof v === "string");
  const fields = (one("fields") ?? "")
    .split("\n")
    .map((line) => line.split("|").map((p) => p.trim()))
    .filter((p) => p[0])
    .map(([name, type, meaning]) => ({ name, type: type ?? "", meaning: meaning ?? null }));
  return {
    kind: one("kind"),
    title: one("title"),
    titleEn: one("titleEn"),
    description: one("description"),
    dataCategory: one("dataCategory"),
    grade: one("grade"),
    rights: all("rights"),
    deliveryModes: all("deliveryModes"),
    pricingModel: one("pricingModel"),
    priceMin: one("priceMin"),
    priceMax: one("priceMax"),
    sectors: all("sectors"),
    regions: all("regions"),
    tags: (one("tags") ?? "")
      .split(/[,，、]/)
      .map((t) => t.trim())
      .filter(Boolean),
    updateFrequency: one("updateFrequency") || null,
    timeCoverage: one("timeCoverage"),
    fields,
    sampleDescription: one("sampleDescription"),
    scenario: one("scenario"),
    compliance: {
      personalInfo: form.get("personalInfo") === "on",
      legalBasis: one("legalBasis"),
      importantData: form.get("importantData") === "on",
      crossBorder: form.get("crossBorder") === "on",
      declaration: one("declaration"),
    },
    crossBorderFlow: crossBorderFromForm(form),
    contactName: one("contactName"),
    contactEmail: one("contactEmail"),
    contactPhone: one("contactPhone"),
    externalId: one("externalId"),
  };
}

export const listingQuerySchema = z.object({
  q: searchText,
  kind: filterChoice(LISTING_KINDS),
  category: filterChoice(DATA_CATEGORIES),
  sector: filterChoice(SECTORS),
  region: filterChoice(REGIONS),
  delivery: filterChoice(DELIVERY_MODES),
  pricing: filterChoice(PRICING_MODELS),
  grade: filterChoice(DATA_GRADES),
  /** The cross-border route of the listing's declared flow (issue 35). */
  route: filterChoice(ROUTES),
  sort: z.enum(["relevance", "newest"]).catch("relevance"),
  page: pageNumber(500),
});
export type ListingQuery = z.infer<typeof listingQuerySchema>;

/** What the secretariat confirms before publishing; the checklist travels with the decision. */
export const REVIEW_CHECKLIST = ["scenario", "compliance", "grade", "contact"] as const;

const ticked = z.literal("on").optional().catch(undefined);

/** The review of one pending listing: returning it needs a reason, approving it needs every item ticked. */
export const listingReviewSchema = z
  .object({
    listingId: z.string().uuid("v.invalid"),
    decision: z.enum(["approve", "return"], { errorMap: () => ({ message: "v.choose" }) }),
    reason: optStr(1000),
    check_scenario: ticked,
    check_compliance: ticked,
    check_grade: ticked,
    check_contact: ticked,
  })
  .refine((v) => v.decision === "approve" || !!v.reason, { path: ["reason"], message: "v.reasonRequired" })
  .refine((v) => v.decision !== "approve" || REVIEW_CHECKLIST.every((c) => v[`check_${c}`] === "on"), {
    message: "listings.checklistIncomplete",
  });

/** The longest message in a negotiation thread (the form, the socket and the model agree). */
export const MESSAGE_MAX = 4000;
