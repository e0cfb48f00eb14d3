import type { Realtime } from "../../app/models/core/notifications.server";
import type { Wire } from "./wire";

/** A Realtime that records what the models push, for tests that do not run sockets. */
export function recordingRealtime() {
  const sent: { userId: string; event: string; data: Wire }[] = [];
  const disconnected: Array<{ userId: string } | { sessionId: string }> = [];
  const realtime: Realtime = {
    toUser: (userId, event, data) => void sent.push({ userId, event, data }),
    toRoom: () => {},
    disconnect: (target) => void disconnected.push(target),
  };
  return { sent, disconnected, realtime };
}
