import type { Socket } from "socket.io";
import type { Db } from "../db/index";
import { admit, loadActor } from "../app/models/accounts/auth.server";
import type { Actor } from "../app/models/core/permissions";
import { getT, translateKey } from "../app/i18n/index";
import { isDatabaseUnavailable, isDomainError } from "../app/models/core/errors";
import { findInputProblem } from "../app/models/core/input-rules";
import { logError } from "../app/models/core/log.server";
import { withTimeout } from "../app/models/core/timeout";
import { requestLocale } from "./cookies";

type Ack = (reply: unknown) => void;
type Schema<T> = { safeParse(v: unknown): { success: true; data: T } | { success: false } };

/** A socket acknowledgement comes within this, or as a retryable failure. */
const EVENT_DEADLINE_MS = 10_000;

/**
 * The one way a socket event is handled: the account is reloaded and passed through the same gate
 * as the pages (auth.server.ts `admit`) before any handler runs, so a demotion, a removal or staff
 * without two-factor count from the next event on (403), and every handler gets the admitted actor
 * instead of reading one for itself. Text the database cannot take and payloads that fail the
 * schema are refused (400), the handler's domain refusals keep their status, and anything else is
 * logged without its payload and answered as a failure (retryable when the database is away or
 * the deadline passed); the connection stays up.
 * Replies: {ok: true, ...result} or {ok: false, status, error (in the user's language), retryable}.
 */
export function socketEvents(socket: Socket, db: Db) {
  const t = getT(requestLocale(socket.request.headers));
  const refuse = (ack: Ack, status: number, key: string, params: Record<string, unknown> = {}) =>
    ack({ ok: false, status, error: translateKey(t, key, params), retryable: status >= 500 || status === 429 });

  return function on<T>(event: string, schema: Schema<T>, run: (data: T, actor: Actor) => Promise<object>) {
    socket.on(event, async (payload: unknown, rawAck: unknown) => {
      const ack: Ack = typeof rawAck === "function" ? (rawAck as Ack) : () => {};
      const problem = findInputProblem(payload);
      if (problem) return refuse(ack, 400, problem === "unsafeText" ? "errors.unsafeText" : "v.invalid");
      const parsed = schema.safeParse(payload);
      if (!parsed.success) return refuse(ack, 400, "v.invalid");
      try {
        const { actor, enrolling } = admit(await loadActor(db, (socket.data as { actor: Actor }).actor.id));
        if (!actor) return refuse(ack, 403, enrolling ? "mail.requiredNotice" : "errors.signInRequired");
        ack({ ok: true, ...(await withTimeout(run(parsed.data, actor), EVENT_DEADLINE_MS)) });
      } catch (e) {
        if (isDomainError(e)) return refuse(ack, e.status, e.messageKey, e.params);
        logError(`socket ${event}`, e);
        if (isDatabaseUnavailable(e)) refuse(ack, 503, "errors.unavailable");
        else refuse(ack, 500, "errors.generic");
      }
    });
  };
}
