import type { Socket } from "socket.io-client";

let shared: Promise<Socket> | null = null;

/** One Socket.IO connection per tab, opened on first use in the browser (the session cookie authenticates it). */
export function getSocket(): Promise<Socket> {
  return (shared ??= import("socket.io-client").then(({ io }) => {
    // Back within two seconds once the server is reachable again (the default backoff waits up to 5 s).
    const socket = io({ transports: ["websocket"], reconnectionDelayMax: 2000 });
    // A refusal by the server's handshake is final to Socket.IO; one that says the server could not
    // check the session yet (server/realtime.ts) is not, so this tab asks again.
    socket.on("connect_error", (err) => {
      if (err.message === SOCKET_UNAVAILABLE) setTimeout(() => socket.active || socket.connect(), SOCKET_RETRY_MS);
    });
    return socket;
  }));
}

/** The handshake's answer when the session could not be read (server/realtime.ts); worth a retry. */
export const SOCKET_UNAVAILABLE = "unavailable";
export const SOCKET_RETRY_MS = 2000;

/**
 * The server's word that cross-node delivery was down and is back (server/cluster.ts): whatever
 * was published meanwhile may not have arrived, so pages ask again as they do after a reconnect.
 */
export const RESYNC_EVENT = "realtime:resync";
