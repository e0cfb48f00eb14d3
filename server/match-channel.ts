import type { Socket } from "socket.io";
import { z } from "zod";
import type { Db } from "../db/index";
import { LOCALE_COOKIE, detectLocale, getT, translateKey } from "../app/i18n/index";
import { parseCookies } from "./cookies";
import { assertMatchParty, matchRoom, messagesAfter, postMessage } from "../app/models/marketplace/deals.server";
import { isDomainError } from "../app/models/core/errors";
import type { Realtime } from "../app/models/core/notifications.server";
import { loadActor } from "../app/models/accounts/auth.server";

const joinSchema = z.object({ matchId: z.string().uuid(), afterId: z.string().regex(/^\d+$/).nullish() });
const messageSchema = z.object({ matchId: z.string().uuid(), body: z.string().max(8000) });

type Ack = (reply: unknown) => void;

/**
 * Negotiation threads over Socket.IO. Thin: parse, authorise through the model, persist through
 * the model, then emit. Every refusal is an error acknowledgement; the connection stays up.
 */
export function registerMatchHandlers(socket: Socket, db: Db, realtime: Realtime) {
  // Reloaded on every event: a member removed from the organisation loses the channel at once.
  const actor = () => loadActor(db, socket.data.actor.id);
  const locale = detectLocale(parseCookies(socket.request.headers.cookie)[LOCALE_COOKIE], socket.request.headers["accept-language"] ?? null);
  const fail = (ack: Ack, e: unknown) => {
    const key = isDomainError(e) ? e.messageKey : "v.invalid";
    ack({ ok: false, error: translateKey(getT(locale), key) });
  };
  const safeAck = (ack: unknown): Ack => (typeof ack === "function" ? (ack as Ack) : () => {});

  socket.on("match:join", async (payload: unknown, rawAck: unknown) => {
    const ack = safeAck(rawAck);
    const parsed = joinSchema.safeParse(payload);
    if (!parsed.success) return fail(ack, null);
    try {
      const a = await actor();
      await assertMatchParty(db, a, parsed.data.matchId);
      await socket.join(matchRoom(parsed.data.matchId));
      // Whatever arrived while this client was away, in order.
      ack({ ok: true, messages: await messagesAfter(db, a, parsed.data.matchId, parsed.data.afterId ?? null) });
    } catch (e) {
      fail(ack, e);
    }
  });

  socket.on("match:message", async (payload: unknown, rawAck: unknown) => {
    const ack = safeAck(rawAck);
    const parsed = messageSchema.safeParse(payload);
    if (!parsed.success) return fail(ack, null);
    try {
      const message = await postMessage(db, await actor(), parsed.data.matchId, parsed.data.body, realtime);
      ack({ ok: true, message });
    } catch (e) {
      fail(ack, e);
    }
  });
}
