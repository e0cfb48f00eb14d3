import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { getT, translateKey } from "../../i18n";
import { loadActor } from "../accounts/auth.server";
import { DomainError, isDomainError } from "../core/errors";
import { listingInputSchema, type ListingInput } from "./listing-schema";
import { changeListingStatus, createListing, updateListing } from "./listings.server";
import type { Actor } from "../core/permissions";
import { toFieldErrors } from "../core/zod-fields";
import { requireApprovedMember } from "../core/permissions";

type Db = Kysely<Database>;

/** One listing to import; `line` is what the report points at (CSV: file line, JSON: index + 1). */
export interface ImportRow {
  line: number;
  data: unknown;
  /** Set by a file reader that already knows the row is unusable (a CSV row with the wrong number of cells). */
  problem?: string;
}

export interface ImportRowError {
  line: number;
  externalId: string | null;
  /** "field: message", in English: the import is an operator's tool and its log should read the same everywhere. */
  reasons: string[];
}

export interface ImportReport {
  ok: boolean;
  created: number;
  updated: number;
  submitted: number;
  errors: ImportRowError[];
}

export interface ImportOptions {
  orgId: string;
  rows: ImportRow[];
  /** Import the good rows even when some are bad (default: all or nothing). */
  partial?: boolean;
  /** Send new listings, and updated drafts, to the secretariat's review. */
  submit?: boolean;
}

const t = () => getT("en");
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The import acts as the organisation's first owner, so the listing rules apply exactly as on the site. */
async function ownerActor(db: Db, orgId: string): Promise<Actor> {
  const owner = await db
    .selectFrom("org_members")
    .select("user_id")
    .where("org_id", "=", orgId)
    .where("role", "=", "owner")
    .orderBy("created_at")
    .limit(1)
    .executeTakeFirst();
  const actor = owner ? await loadActor(db, owner.user_id) : null;
  if (!actor?.org) throw new DomainError(404, "errors.notFound");
  return requireApprovedMember(actor);
}

interface GoodRow {
  line: number;
  input: ListingInput & { externalId: string };
}

/** Schema check of every row, plus what import adds: an external id, unique within the file. */
function validate(rows: ImportRow[]): { good: GoodRow[]; errors: ImportRowError[] } {
  const good: GoodRow[] = [];
  const errors: ImportRowError[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const reasons: string[] = [];
    if (row.problem) {
      errors.push({ line: row.line, externalId: null, reasons: [row.problem] });
      continue;
    }
    if (!isPlainObject(row.data)) {
      errors.push({ line: row.line, externalId: null, reasons: [`row: ${t()("api.rowObject")}`] });
      continue;
    }
    const rawExt = typeof row.data.externalId === "string" ? row.data.externalId.trim() : "";
    const parsed = listingInputSchema.safeParse(row.data);
    if (!parsed.success) {
      for (const [field, keys] of Object.entries(toFieldErrors(parsed.error))) {
        for (const key of new Set(keys)) reasons.push(`${field}: ${translateKey(t(), key)}`);
      }
    }
    const ext = parsed.success ? parsed.data.externalId : rawExt || null;
    if (!ext) {
      if (!reasons.some((r) => r.startsWith("externalId:"))) reasons.push(`externalId: ${t()("api.externalIdRequired")}`);
    } else if (seen.has(ext)) {
      reasons.push(`externalId: ${t()("api.duplicateExternalId")} (line ${seen.get(ext)})`);
    } else {
      seen.set(ext, row.line);
    }
    if (reasons.length || !parsed.success) errors.push({ line: row.line, externalId: ext, reasons });
    else good.push({ line: row.line, input: parsed.data as GoodRow["input"] });
  }
  return { good, errors };
}

function domainReason(e: DomainError): string {
  const field = Object.keys(e.fieldErrors)[0];
  const message = translateKey(t(), e.messageKey, e.params);
  return field ? `${field}: ${message}` : message;
}

/**
 * Bulk import for one organisation, idempotent through externalId: a row whose externalId the
 * organisation already uses updates that listing instead of creating another.
 *
 * Every row is validated, and every update checked against the stored listing, before anything
 * is written; without `partial` a single bad row means nothing is imported. Each row is then
 * written in its own transaction (the listing model opens one per call), so a refusal that only
 * the write can see (a concurrent edit) stops the import and is reported, with earlier rows kept.
 */
export async function importListings(db: Db, options: ImportOptions): Promise<ImportReport> {
  const actor = await ownerActor(db, options.orgId);
  const { good, errors } = validate(options.rows);

  const externalIds = good.map((r) => r.input.externalId);
  const existing = externalIds.length
    ? await db
        .selectFrom("listings")
        .select(["id", "status", "kind", "external_id"])
        .where("org_id", "=", options.orgId)
        .where("external_id", "in", externalIds)
        .execute()
    : [];
  const byExternalId = new Map(existing.map((l) => [l.external_id as string, l]));

  const writable: GoodRow[] = [];
  for (const row of good) {
    const current = byExternalId.get(row.input.externalId);
    const reasons: string[] = [];
    if (current && (current.status === "closed" || current.status === "withdrawn")) reasons.push(translateKey(t(), "errors.listingFinal"));
    if (current && current.kind !== row.input.kind) reasons.push(`kind: ${translateKey(t(), "errors.kindFixed")}`);
    if (reasons.length) errors.push({ line: row.line, externalId: row.input.externalId, reasons });
    else writable.push(row);
  }
  errors.sort((a, b) => a.line - b.line);

  const report: ImportReport = { ok: errors.length === 0, created: 0, updated: 0, submitted: 0, errors };
  if (errors.length && !options.partial) return report;

  for (const row of writable) {
    const current = byExternalId.get(row.input.externalId);
    try {
      if (current) {
        await updateListing(db, actor, current.id, row.input);
        report.updated++;
        if (options.submit && current.status === "draft") {
          await changeListingStatus(db, actor, current.id, "pending_review");
          report.submitted++;
        }
      } else {
        await createListing(db, actor, row.input, { submit: options.submit });
        report.created++;
        if (options.submit) report.submitted++;
      }
    } catch (e) {
      if (!isDomainError(e)) throw e;
      report.ok = false;
      report.errors.push({ line: row.line, externalId: row.input.externalId, reasons: [domainReason(e)] });
      if (!options.partial) break;
    }
  }
  return report;
}
