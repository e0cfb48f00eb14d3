import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import type { NotificationArea } from "./notification-links";
import { requireUser, type Actor } from "./permissions";

/** What models need from the realtime layer; server/ provides Socket.IO, scripts a no-op. */
export interface Realtime {
  toUser(userId: string, event: string, data: unknown): void;
  /** A room joined only after the model allowed it (e.g. `match:<id>`). */
  toRoom(room: string, event: string, data: unknown): void;
  /**
   * Closes open sockets at once, on every node: a signed-out session, or every session of a user
   * whose rights just changed (removal, role change, password reset). Clients reconnect with
   * whatever rights they still have.
   */
  disconnect(target: { userId: string } | { sessionId: string }): void;
}
export const noRealtime: Realtime = { toUser() {}, toRoom() {}, disconnect() {} };

export interface StoredNotification {
  id: string;
  userId: string;
  kind: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}

/** Stores notifications inside the caller's transaction; deliver them only after it commits. */
export async function storeNotifications(
  trx: Transaction<Database> | Kysely<Database>,
  userIds: string[],
  kind: string,
  payload: Record<string, unknown>,
): Promise<StoredNotification[]> {
  if (userIds.length === 0) return [];
  const rows = await trx
    .insertInto("notifications")
    .values(userIds.map((user_id) => ({ user_id, kind, payload: JSON.stringify(payload) })))
    .returning(["id", "user_id", "created_at"])
    .execute();
  return rows.map((r) => ({ id: String(r.id), userId: r.user_id, kind, payload, createdAt: r.created_at }));
}

export function deliver(realtime: Realtime, notes: StoredNotification[]) {
  for (const n of notes) realtime.toUser(n.userId, "notification", n);
}

/** A stored notification as pages read it (bigserial id as text). */
const asNotice = <R extends { id: string }>(r: R) => ({ ...r, id: String(r.id) });

export async function listMyNotifications(db: Kysely<Database>, actor: Actor | null, limit = 30) {
  const a = requireUser(actor);
  const rows = await db
    .selectFrom("notifications")
    .select(["id", "kind", "payload", "read_at", "created_at"])
    .where("user_id", "=", a.id)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map(asNotice);
}

export const NOTIFICATIONS_PAGE_SIZE = 30;

/** The notification centre: every notification of the actor, newest first, by area and read state. */
export async function notificationCentre(db: Kysely<Database>, actor: Actor | null, filter: { unread: boolean; area: NotificationArea | null; page: number }) {
  const a = requireUser(actor);
  let q = db.selectFrom("notifications").where("user_id", "=", a.id);
  if (filter.unread) q = q.where("read_at", "is", null);
  if (filter.area) q = q.where("kind", "like", `${filter.area}.%`);
  const [rows, total] = await Promise.all([
    q
      .select(["id", "kind", "payload", "read_at", "created_at"])
      .orderBy("id", "desc")
      .limit(NOTIFICATIONS_PAGE_SIZE)
      .offset((filter.page - 1) * NOTIFICATIONS_PAGE_SIZE)
      .execute(),
    q.select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    total: total.n,
    pageSize: NOTIFICATIONS_PAGE_SIZE,
    items: rows.map(asNotice),
  };
}

/** Marks one of the actor's own notifications read (someone else's id changes nothing). */
export async function markRead(db: Kysely<Database>, actor: Actor | null, id: string) {
  const a = requireUser(actor);
  await db
    .updateTable("notifications")
    .set({ read_at: sql`now()` })
    .where("id", "=", id)
    .where("user_id", "=", a.id)
    .where("read_at", "is", null)
    .execute();
}

export async function markAllRead(db: Kysely<Database>, actor: Actor | null) {
  const a = requireUser(actor);
  await db
    .updateTable("notifications")
    .set({ read_at: sql`now()` })
    .where("user_id", "=", a.id)
    .where("read_at", "is", null)
    .execute();
}
