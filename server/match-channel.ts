import type { Socket } from "socket.io";
import { z } from "zod";
import { bigserialId } from "../app/models/core/params";
import type { Db } from "../db/index";
import { socketEvents } from "./socket-events";
import { assertMatchParty, matchRoom, messagesAfter, postMessage } from "../app/models/marketplace/deals.server";
import type { Realtime } from "../app/models/core/notifications.server";

const joinSchema = z.object({ matchId: z.string().uuid(), afterId: bigserialId.nullish() });
const messageSchema = z.object({ matchId: z.string().uuid(), body: z.string().max(8000) });

/**
 * Negotiation threads over Socket.IO. Thin: parse, authorise through the model, persist through
 * the model, then emit. Every refusal is an error acknowledgement; the connection stays up.
 */
export function registerMatchHandlers(socket: Socket, db: Db, realtime: Realtime) {
  // The actor is reloaded through the gate on every event (socketEvents): a member removed from the
  // organisation, or staff without two-factor, lose the channel at once.
  const on = socketEvents(socket, db);

  on("match:join", joinSchema, async ({ matchId, afterId }, a) => {
    await assertMatchParty(db, a, matchId);
    await socket.join(matchRoom(matchId));
    // Whatever arrived while this client was away, in order.
    return { messages: await messagesAfter(db, a, matchId, afterId ?? null) };
  });
  on("match:message", messageSchema, async ({ matchId, body }, a) => ({ message: await postMessage(db, a, matchId, body, realtime) }));
}
