import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { GroupRole } from "../../../db/tables/standards";
import { writeAudit } from "../core/audit.server";
import { CHANNEL_MESSAGE_MAX_BYTES, CHANNEL_PAGE_SIZE } from "./collab-schema";
import { DomainError, conflict, forbidden, invalid, isUniqueViolation, notFound } from "../core/errors";
import { isUuid } from "../core/params";
import { ALL_GROUP_ROLES, VOTING_ROLES, groupRole, requireGroupRole } from "./groups.server";
import { noRealtime, type Realtime } from "../core/notifications.server";
import { isSecretariat, requireUser, type Actor } from "../core/permissions";

type Db = Kysely<Database>;

/**
 * The realtime channel of a working group. Messages are stored first, then sent to the group's
 * room with their id; a client that reconnects asks for everything after the last id it saw.
 * Active members read; observers only read; convenors, editors and members post. Moderators
 * (platform role) and the secretariat read and hide messages.
 */
export const groupRoom = (groupId: string) => `group:${groupId}`;
export const POSTING_ROLES: readonly GroupRole[] = VOTING_ROLES;
/** Catch-up is answered in one reply of at most this many messages, with `hasMore` if there are more. */
export const CATCH_UP_MAX = 500;

export interface GroupMessage {
  id: string;
  groupId: string;
  authorId: string;
  authorName: string;
  /** Empty when hidden: hidden messages are delivered as hidden, without their text. */
  body: string;
  hidden: boolean;
  createdAt: Date;
}

/** A per-process sliding window: at most `limit` messages per `windowMs` per user. */
export class FloodLimiter {
  private readonly hits = new Map<string, number[]>();
  constructor(
    readonly limit = 10,
    readonly windowMs = 10_000,
  ) {}
  take(key: string, now = Date.now()): boolean {
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(now);
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) for (const [k, v] of this.hits) if (!v.some((t) => now - t < this.windowMs)) this.hits.delete(k);
    return true;
  }
}
export const channelLimiter = new FloodLimiter();

const isModerator = (a: Actor | null) => a?.platformRole === "moderator" || isSecretariat(a);

export interface ChannelAccess {
  role: GroupRole | null;
  canPost: boolean;
  canModerate: boolean;
}

/** Who may read: active members (any role), moderators and the secretariat. Checked on every event. */
export async function requireChannelReader(db: Db, actor: Actor | null, groupId: string): Promise<ChannelAccess> {
  const a = requireUser(actor);
  if (!isUuid(groupId)) throw notFound();
  const m = await groupRole(db, a, groupId);
  const member = m?.status === "active" ? m.role : null;
  if (!member) {
    if (a.platformRole === "moderator") {
      const g = await db.selectFrom("working_groups").select("id").where("id", "=", groupId).executeTakeFirst();
      if (!g) throw notFound();
    } else {
      // 404 for no such group, 403 for people outside it (the secretariat passes as convenor).
      await requireGroupRole(db, a, groupId, ALL_GROUP_ROLES);
    }
  }
  return { role: member, canPost: !!member && POSTING_ROLES.includes(member), canModerate: isModerator(a) };
}

const byteLength = (s: string) => new TextEncoder().encode(s).length;

/** A replayed backlog may be this old and still count by when it was written. */
const REPLAY_WINDOW_MS = 5 * 60_000;

export async function postGroupMessage(
  db: Db,
  actor: Actor | null,
  groupId: string,
  body: string,
  realtime: Realtime = noRealtime,
  limiter: FloodLimiter = channelLimiter,
  client?: { id: string; writtenAt?: string },
): Promise<GroupMessage> {
  const a = requireUser(actor);
  const access = await requireChannelReader(db, a, groupId);
  if (!access.canPost) throw forbidden("collab.errors.readOnly");
  const text = body.trim();
  if (!text) throw invalid("v.required", "body");
  if (byteLength(text) > CHANNEL_MESSAGE_MAX_BYTES) throw invalid("collab.errors.tooLarge", "body");
  // Seen before (the client replayed it after a reconnect): the stored message, counted once.
  const seen = client ? await messageByClientId(db, a, groupId, client.id) : null;
  if (seen) return seen;
  const now = Date.now();
  const written = client?.writtenAt ? Date.parse(client.writtenAt) : now;
  const at = Math.min(now, Math.max(now - REPLAY_WINDOW_MS, Number.isFinite(written) ? written : now));
  if (!limiter.take(a.id, at)) throw new DomainError(429, "collab.errors.flood");
  let row: { id: string; created_at: Date };
  try {
    row = await db
      .insertInto("group_messages")
      .values({ group_id: groupId, author_id: a.id, body: text, client_id: client?.id ?? null })
      .returning(["id", "created_at"])
      .executeTakeFirstOrThrow();
  } catch (e) {
    // The same message arriving twice at once: the first one stored is the answer to both.
    if (!client || !isUniqueViolation(e, "group_messages_client")) throw e;
    const raced = await messageByClientId(db, a, groupId, client.id);
    // The same name for a message in another group is the client's mistake, not a second message.
    if (!raced) throw invalid("v.invalid", "clientId");
    return raced;
  }
  const message: GroupMessage = {
    id: String(row.id),
    groupId,
    authorId: a.id,
    authorName: a.displayName,
    body: text,
    hidden: false,
    createdAt: row.created_at,
  };
  realtime.toRoom(groupRoom(groupId), "group:message", message);
  return message;
}

async function messageByClientId(db: Db, a: Actor, groupId: string, clientId: string): Promise<GroupMessage | null> {
  const row = await db
    .selectFrom("group_messages")
    .select(["id", "body", "hidden_at", "created_at"])
    .where("author_id", "=", a.id)
    .where("client_id", "=", clientId)
    .where("group_id", "=", groupId)
    .executeTakeFirst();
  return row
    ? {
        id: String(row.id),
        groupId,
        authorId: a.id,
        authorName: a.displayName,
        body: row.hidden_at ? "" : row.body,
        hidden: !!row.hidden_at,
        createdAt: row.created_at,
      }
    : null;
}

function baseQuery(db: Db, groupId: string) {
  return db
    .selectFrom("group_messages")
    .innerJoin("users", "users.id", "group_messages.author_id")
    .select([
      "group_messages.id",
      "group_messages.author_id",
      "group_messages.body",
      "group_messages.hidden_at",
      "group_messages.created_at",
      "users.display_name",
    ])
    .where("group_messages.group_id", "=", groupId);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>["execute"]>>[number];
const toMessage = (groupId: string, r: Row): GroupMessage => ({
  id: String(r.id),
  groupId,
  authorId: r.author_id,
  authorName: r.display_name,
  body: r.hidden_at ? "" : r.body,
  hidden: !!r.hidden_at,
  createdAt: r.created_at,
});

/** Everything after `afterId`, oldest first (the catch-up of a reconnecting client). */
export async function groupMessagesAfter(db: Db, actor: Actor | null, groupId: string, afterId: string | null, limit = CATCH_UP_MAX) {
  await requireChannelReader(db, actor, groupId);
  let q = baseQuery(db, groupId);
  if (afterId && /^\d+$/.test(afterId)) q = q.where("group_messages.id", ">", afterId);
  const rows = await q
    .orderBy("group_messages.id")
    .limit(limit + 1)
    .execute();
  return { messages: rows.slice(0, limit).map((r) => toMessage(groupId, r)), hasMore: rows.length > limit };
}

/** One page of history before `beforeId` (or the latest page), oldest first. */
export async function groupMessagesBefore(db: Db, actor: Actor | null, groupId: string, beforeId: string | null, pageSize = CHANNEL_PAGE_SIZE) {
  await requireChannelReader(db, actor, groupId);
  let q = baseQuery(db, groupId);
  if (beforeId && /^\d+$/.test(beforeId)) q = q.where("group_messages.id", "<", beforeId);
  const rows = await q
    .orderBy("group_messages.id", "desc")
    .limit(pageSize + 1)
    .execute();
  return {
    messages: rows
      .slice(0, pageSize)
      .reverse()
      .map((r) => toMessage(groupId, r)),
    hasMore: rows.length > pageSize,
  };
}

/** Moderators and the secretariat hide a message; the room is told, and it stays hidden in history. */
export async function hideGroupMessage(
  db: Db,
  actor: Actor | null,
  groupId: string,
  messageId: string,
  realtime: Realtime = noRealtime,
): Promise<GroupMessage> {
  const a = requireUser(actor);
  if (!isModerator(a)) throw forbidden("collab.errors.notModerator");
  await requireChannelReader(db, a, groupId);
  if (!/^\d+$/.test(messageId)) throw notFound();
  const message = await db.transaction().execute(async (trx) => {
    const m = await trx
      .selectFrom("group_messages")
      .select(["id", "body", "hidden_at"])
      .where("id", "=", messageId)
      .where("group_id", "=", groupId)
      .forUpdate()
      .executeTakeFirst();
    if (!m) throw notFound();
    if (m.hidden_at) throw conflict("collab.errors.alreadyHidden");
    await trx
      .updateTable("group_messages")
      .set({ hidden_at: sql`now()`, hidden_by: a.id })
      .where("id", "=", messageId)
      .execute();
    await writeAudit(trx, {
      actorId: a.id,
      action: "group_message.hidden",
      entityType: "group_message",
      entityId: String(m.id),
      before: { body: m.body },
      after: { hidden: true, groupId },
    });
    const row = await baseQuery(trx as unknown as Db, groupId)
      .where("group_messages.id", "=", messageId)
      .executeTakeFirstOrThrow();
    return toMessage(groupId, row);
  });
  realtime.toRoom(groupRoom(groupId), "group:hidden", message);
  return message;
}
