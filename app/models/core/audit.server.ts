import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import type { Actor } from "./permissions";
import { requireSecretariat } from "./permissions";

type Executor = Kysely<Database> | Transaction<Database>;

export interface AuditInput {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Called inside the same transaction as the change it records, so neither exists without the other. */
export async function writeAudit(db: Executor, entry: AuditInput): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      actor_id: entry.actorId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}

export interface AuditQuery {
  entityType?: string;
  action?: string;
  page: number;
}

export const AUDIT_PAGE_SIZE = 50;

export async function listAudit(db: Kysely<Database>, actor: Actor | null, query: AuditQuery) {
  requireSecretariat(actor);
  let q = db
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_id")
    .select([
      "audit_log.id",
      "audit_log.action",
      "audit_log.entity_type",
      "audit_log.entity_id",
      "audit_log.before",
      "audit_log.after",
      "audit_log.created_at",
      "users.email as actor_email",
    ]);
  if (query.entityType) q = q.where("audit_log.entity_type", "=", query.entityType);
  if (query.action) q = q.where("audit_log.action", "=", query.action);
  const rows = await q
    .orderBy("audit_log.id", "desc")
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((query.page - 1) * AUDIT_PAGE_SIZE)
    .execute();
  return {
    entries: rows.slice(0, AUDIT_PAGE_SIZE).map((r) => ({ ...r, id: String(r.id) })),
    hasMore: rows.length > AUDIT_PAGE_SIZE,
  };
}

export async function listAuditEntityTypes(db: Kysely<Database>, actor: Actor | null): Promise<string[]> {
  requireSecretariat(actor);
  const rows = await db.selectFrom("audit_log").select("entity_type").distinct().orderBy("entity_type").execute();
  return rows.map((r) => r.entity_type);
}
