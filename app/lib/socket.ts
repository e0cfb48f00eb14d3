import type { Socket } from "socket.io-client";

let shared: Promise<Socket> | null = null;

/** One Socket.IO connection per tab, opened on first use in the browser (the session cookie authenticates it). */
export function getSocket(): Promise<Socket> {
  // Back within two seconds once the server is reachable again (the default backoff waits up to 5 s).
  return (shared ??= import("socket.io-client").then(({ io }) => io({ transports: ["websocket"], reconnectionDelayMax: 2000 })));
}

/**
 * The server's word that cross-node delivery was down and is back (server/cluster.ts): whatever
 * was published meanwhile may not have arrived, so pages ask again as they do after a reconnect.
 */
export const RESYNC_EVENT = "realtime:resync";
