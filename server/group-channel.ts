import type { Socket } from "socket.io";
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
