import type { Server, Socket } from "socket.io";
import { createAdapter } from "@socket.io/postgres-adapter";
import pg from "pg";
import { logError } from "../app/models/core/log.server";
import type { Db } from "../db/index";
import { socketEvents } from "./socket-events";
import { channelHideSchema, channelHistorySchema, channelJoinSchema, channelMessageSchema } from "../app/models/standards/collab-schema";
import {
  groupMessagesAfter,
  groupMessagesBefore,
  groupRoom,
  hideGroupMessage,
  postGroupMessage,
  requireChannelReader,
} from "../app/models/standards/group-channel.server";
import type { Realtime } from "../app/models/core/notifications.server";

/**
 * The working-group channel over Socket.IO, built like the negotiation channel: parse, authorise
 * through the model (the actor and membership reloaded on every event), store, then emit with
 * the id. Every refusal is an error acknowledgement; the connection stays up.
 *
 * Events: group:join {groupId, afterId?} -> {ok, messages, hasMore, canPost, canModerate};
 * group:message {groupId, body} -> {ok, message}; group:history {groupId, beforeId?} ->
 * {ok, messages, hasMore}; group:hide {groupId, messageId} -> {ok, message}; group:leave {groupId}.
 * Broadcasts: group:message, group:hidden.
 */
export function registerGroupChannelHandlers(socket: Socket, db: Db, realtime: Realtime) {
  const on = socketEvents(socket, db);

  on("group:join", channelJoinSchema, async ({ groupId, afterId }, a) => {
    const access = await requireChannelReader(db, a, groupId);
    await socket.join(groupRoom(groupId));
    // Joined first, then read: a message stored in between arrives twice at worst (clients dedupe by id), never zero times.
    const { messages, hasMore } = afterId ? await groupMessagesAfter(db, a, groupId, afterId) : await groupMessagesBefore(db, a, groupId, null);
    return { messages, hasMore, canPost: access.canPost, canModerate: access.canModerate };
  });
  on("group:leave", channelHistorySchema, async ({ groupId }) => {
    await socket.leave(groupRoom(groupId));
    return {};
  });
  on("group:message", channelMessageSchema, async ({ groupId, body, clientId, writtenAt }, a) => ({
    message: await postGroupMessage(db, a, groupId, body, realtime, undefined, clientId ? { id: clientId, writtenAt } : undefined),
  }));
  on("group:history", channelHistorySchema, async ({ groupId, beforeId }, a) => groupMessagesBefore(db, a, groupId, beforeId ?? null));
  on("group:hide", channelHideSchema, async ({ groupId, messageId }, a) => ({ message: await hideGroupMessage(db, a, groupId, messageId, realtime) }));
}

/**
 * Several server processes share rooms through Postgres LISTEN/NOTIFY. Packets over 8,000 bytes
 * go through the attachments table, created here if missing. Returns a closer for the pool.
 */
export async function attachPostgresAdapter(io: Server, databaseUrl: string): Promise<{ close(): Promise<void> }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4, connectionTimeoutMillis: 5000 });
  pool.on("error", (e) => logError("postgres adapter pool (idle client)", e));
  // The adapter keeps one client checked out for LISTEN, and pg-pool drops its error listener on
  // checkout: without one of our own, a Postgres restart ("terminating connection due to
  // administrator command") is an unhandled 'error' event that kills the process. With it, the
  // client ends and the adapter reconnects on its own.
  pool.on("connect", (client) => client.on("error", (e) => logError("postgres adapter client", e)));
  // Processes starting together race on "create table if not exists"; a transaction-scoped
  // advisory lock makes the second one wait and then find the table.
  const client = await pool.connect();
  try {
    await client.query("begin");
    await client.query("select pg_advisory_xact_lock(hashtext('socket_io_attachments'))");
    await client.query(`create table if not exists socket_io_attachments (id bigserial unique, created_at timestamptz default now(), payload bytea)`);
    await client.query("commit");
  } catch (e) {
    await client.query("rollback").catch(() => {});
    throw e;
  } finally {
    client.release();
  }
  io.adapter(createAdapter(pool, { heartbeatInterval: 2000, heartbeatTimeout: 6000, errorHandler: (e) => logError("postgres adapter", e) }));
  return { close: () => pool.end() };
}
