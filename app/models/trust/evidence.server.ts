import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { DomainError, invalid, notFound } from "../core/errors";
import { uuidParam } from "../core/params";
import { isModerator, requireUser, type Actor } from "../core/permissions";
import { requireDisputeReader } from "./dispute-access.server";
import { EVIDENCE_FIELD, type EvidenceSubject, type EvidenceType } from "./dispute-vocabulary";

type Db = Kysely<Database>;

/**
 * Evidence files (证据材料) attached to a dispute statement or a report. Stored by the app in
 * Postgres (bytea), so every node and every backup has them; the type is read from the file's
 * first bytes (PDF, PNG, JPEG, or UTF-8 plain text), never from its name or the browser's word.
 * Served only as a download, to the readers of what they are attached to.
 */

export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;
export const MAX_EVIDENCE_FILES = 5;

export interface EvidenceUpload {
  name: string;
  bytes: Uint8Array;
}
export interface CheckedEvidence {
  filename: string;
  contentType: EvidenceType;
  bytes: Uint8Array;
}
export interface EvidenceFile {
  id: string;
  filename: string;
  contentType: EvidenceType;
  size: number;
  path: string;
}

export const evidencePath = (id: string) => `/evidence/${id}`;

const startsWith = (b: Uint8Array, sig: readonly number[]) => b.length >= sig.length && sig.every((v, i) => b[i] === v);

/** Control characters that plain text does not hold (tab, line feed, form feed and carriage return are allowed). */
const BINARY_CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

/** The file's type by its first bytes (its magic number); plain text is valid UTF-8 without binary control characters. */
export function sniffEvidenceType(b: Uint8Array): EvidenceType | null {
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf"; // %PDF-
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(b, [0xff, 0xd8, 0xff])) return "image/jpeg";
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(b);
    return BINARY_CONTROL.test(text) ? null : "text/plain";
  } catch {
    return null;
  }
}

/** A name safe to store and to send back in a header: no path, no control characters, at most 120 characters. */
function cleanName(name: string, type: EvidenceType): string {
  const base = (name.split(/[\\/]/).pop() ?? "")
    .replace(/[\u0000-\u001f\u007f"]/g, "")
    .trim()
    .slice(-120);
  if (base) return base;
  return `evidence.${{ "application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg", "text/plain": "txt" }[type]}`;
}

/** Checks a form's files: at most MAX_EVIDENCE_FILES, each non-empty, within the size limit and of an accepted type (400s on `field`). */
export function checkEvidence(files: readonly EvidenceUpload[], field = EVIDENCE_FIELD): CheckedEvidence[] {
  if (files.length > MAX_EVIDENCE_FILES)
    throw new DomainError(400, "disputes.evidence.tooMany", { max: MAX_EVIDENCE_FILES }, { [field]: ["disputes.evidence.tooMany"] });
  return files.map((f) => {
    if (f.bytes.byteLength === 0) throw invalid("disputes.evidence.empty", field);
    if (f.bytes.byteLength > MAX_EVIDENCE_BYTES)
      throw new DomainError(
        400,
        "disputes.evidence.tooLarge",
        { name: f.name, mb: MAX_EVIDENCE_BYTES / 1024 / 1024 },
        { [field]: ["disputes.evidence.tooLarge"] },
      );
    const contentType = sniffEvidenceType(f.bytes);
    if (!contentType) throw new DomainError(400, "disputes.evidence.badType", { name: f.name }, { [field]: ["disputes.evidence.badType"] });
    return { filename: cleanName(f.name, contentType), contentType, bytes: f.bytes };
  });
}

/** Bytes cross the driver as base64 text (see images.server.ts: the embedded driver is slow with bytea parameters). */
const asBytea = (b: Uint8Array) => sql<Uint8Array>`decode(${Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("base64")}, 'base64')`;

/** Stores checked files for a subject inside the caller's transaction (the one that writes the subject); returns their ids. */
export async function storeEvidence(
  trx: Transaction<Database> | Db,
  actor: Actor,
  subject: { type: EvidenceSubject; id: string },
  files: readonly CheckedEvidence[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const f of files) {
    // One row per statement: the embedded database never holds the event loop for more than one file.
    if (ids.length) await new Promise((resolve) => setImmediate(resolve));
    const row = await trx
      .insertInto("evidence_files")
      .values({
        subject_type: subject.type,
        subject_id: subject.id,
        filename: f.filename,
        content_type: f.contentType,
        size: f.bytes.byteLength,
        bytes: asBytea(f.bytes),
        uploaded_by: actor.id,
        // The statement's files are listed in the order they were given: now() is one instant per transaction.
        created_at: sql`clock_timestamp()`,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  return ids;
}

/** Who may read a subject's evidence: the dispute's readers, or a report's reporter and the moderators; anyone else gets a 404. */
async function requireSubjectReader(db: Db, actor: Actor | null, type: EvidenceSubject, id: string): Promise<void> {
  const a = requireUser(actor);
  if (type === "dispute_statement") {
    if (!/^\d{1,18}$/.test(id)) throw notFound();
    const s = await db
      .selectFrom("dispute_statements")
      .select("dispute_id")
      .where("id", "=", id as never)
      .executeTakeFirst();
    if (!s) throw notFound();
    await requireDisputeReader(db, a, s.dispute_id);
    return;
  }
  if (!uuidParam.safeParse(id).success) throw notFound();
  const r = await db.selectFrom("reports").select("reporter_id").where("id", "=", id).executeTakeFirst();
  if (!r || (r.reporter_id !== a.id && !isModerator(a))) throw notFound();
}

const FILE_COLUMNS = ["id", "subject_id", "filename", "content_type", "size"] as const;
const asFile = (r: { id: string; filename: string; content_type: EvidenceType; size: number }): EvidenceFile => ({
  id: r.id,
  filename: r.filename,
  contentType: r.content_type,
  size: r.size,
  path: evidencePath(r.id),
});

/** The evidence files of one subject, for a reader of it (404 otherwise). */
export async function evidenceFor(db: Db, actor: Actor | null, subject: { type: EvidenceSubject; id: string }): Promise<EvidenceFile[]> {
  await requireSubjectReader(db, actor, subject.type, subject.id);
  const rows = await db
    .selectFrom("evidence_files")
    .select(FILE_COLUMNS)
    .where("subject_type", "=", subject.type)
    .where("subject_id", "=", subject.id)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(asFile);
}

/**
 * The evidence of many reports at once, by report id, for the moderators' queue (a reporter gets
 * only the files of their own reports; anyone else none).
 */
export async function reportEvidence(db: Db, actor: Actor | null, reportIds: readonly string[]): Promise<Record<string, EvidenceFile[]>> {
  const a = requireUser(actor);
  const ids = reportIds.filter((id) => uuidParam.safeParse(id).success);
  if (!ids.length) return {};
  let readable = ids;
  if (!isModerator(a)) {
    const own = await db.selectFrom("reports").select("id").where("id", "in", ids).where("reporter_id", "=", a.id).execute();
    readable = own.map((r) => r.id);
    if (!readable.length) return {};
  }
  return groupFiles(db, "report", readable);
}

/** The files of subjects whose reader the caller has already checked (a dispute's statements). */
export async function groupFiles(db: Db | Transaction<Database>, type: EvidenceSubject, ids: readonly string[]): Promise<Record<string, EvidenceFile[]>> {
  if (!ids.length) return {};
  const rows = await db
    .selectFrom("evidence_files")
    .select(FILE_COLUMNS)
    .where("subject_type", "=", type)
    .where("subject_id", "in", [...ids])
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const out: Record<string, EvidenceFile[]> = {};
  for (const r of rows) (out[r.subject_id] ??= []).push(asFile(r));
  return out;
}

/** One file's bytes for a reader of its subject; anyone else (and a malformed id) gets a 404. */
export async function readEvidence(db: Db, actor: Actor | null, id: string) {
  requireUser(actor);
  if (!uuidParam.safeParse(id).success) throw notFound();
  const row = await db
    .selectFrom("evidence_files")
    .select(["subject_type", "subject_id", "filename", "content_type", sql<string>`encode(bytes, 'hex')`.as("hex")])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound();
  await requireSubjectReader(db, actor, row.subject_type, row.subject_id);
  const data = Buffer.from(row.hex, "hex");
  return {
    filename: row.filename,
    contentType: row.content_type,
    bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) as Uint8Array<ArrayBuffer>,
  };
}

/** The files a multipart form sent under `field`, with their names (an empty file input sends none). */
export async function evidenceUploads(form: FormData, field = EVIDENCE_FIELD): Promise<EvidenceUpload[]> {
  const files = form.getAll(field).filter((v): v is File => typeof v !== "string" && v.size > 0);
  return Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
}
