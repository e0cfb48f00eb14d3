import { listingInputSchema, listingQuerySchema, type ListingInput, type ListingQuery } from "~/models/marketplace/listing-schema";
import type { ListingView } from "~/models/marketplace/listings.server";
import { toFieldErrors, type FieldErrors } from "~/models/core/zod-fields";
import { ApiFailure } from "./api.server";

/**
 * The listing endpoints' translation between JSON and the listing schema. The browse page
 * quietly drops a filter it does not know; an API client gets a 400 instead, because a typo
 * in a filter would otherwise return the wrong data without anyone noticing.
 */
const CHOICE_FILTERS = ["kind", "category", "sector", "region", "delivery", "pricing", "grade", "sort"] as const;

export function parseListingQuery(url: URL): ListingQuery {
  const raw = Object.fromEntries(url.searchParams);
  const parsed = listingQuerySchema.parse(raw);
  const fields: FieldErrors = {};
  for (const k of CHOICE_FILTERS) if (raw[k] && parsed[k] !== raw[k]) fields[k] = ["v.choose"];
  if (raw.q && raw.q.trim().length > 100) fields.q = ["v.tooLong.100"];
  if (raw.page && String(parsed.page) !== raw.page.trim()) fields.page = ["v.invalid"];
  if (Object.keys(fields).length) throw new ApiFailure(400, "api.badQuery", fields, "invalid_query");
  return parsed;
}

/** A body in the listing schema's shape, plus the optional `"submit": true`. */
export function parseListingBody(body: Record<string, unknown>): { input: ListingInput; submit: boolean } {
  const { submit, ...rest } = body;
  const fields: FieldErrors = {};
  if (submit !== undefined && typeof submit !== "boolean") fields.submit = ["v.invalid"];
  const parsed = listingInputSchema.safeParse(rest);
  if (!parsed.success) Object.assign(fields, toFieldErrors(parsed.error));
  if (!parsed.success || Object.keys(fields).length) throw new ApiFailure(400, "api.validation", fields, "validation_failed");
  return { input: parsed.data, submit: submit === true };
}

/** A stored listing back in the input shape, so PATCH can send only what changes. */
export function inputOf(v: ListingView): Record<string, unknown> {
  return {
    kind: v.kind,
    title: v.title,
    description: v.description,
    dataCategory: v.dataCategory,
    grade: v.grade,
    rights: v.rights,
    deliveryModes: v.deliveryModes,
    pricingModel: v.pricingModel,
    priceMin: v.priceMin,
    priceMax: v.priceMax,
    sectors: v.sectors,
    regions: v.regions,
    tags: v.tags,
    updateFrequency: v.updateFrequency,
    timeCoverage: v.timeCoverage,
    fields: v.fields,
    sampleDescription: v.sampleDescription,
    scenario: v.scenario,
    compliance: v.compliance,
    contactName: v.contact?.name,
    contactEmail: v.contact?.email,
    contactPhone: v.contact?.phone ?? null,
    externalId: v.externalId,
  };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** PATCH: the body's fields over the stored ones; compliance merges key by key. */
export function mergePatch(current: ListingView, body: Record<string, unknown>): Record<string, unknown> {
  const base = inputOf(current);
  return {
    ...base,
    ...body,
    compliance: isPlainObject(body.compliance) ? { ...current.compliance, ...body.compliance } : (body.compliance ?? base.compliance),
  };
}
