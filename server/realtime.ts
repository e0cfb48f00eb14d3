import type { Server as HttpServer } from "node:http";
import { Server, type Socket } from "socket.io";
import type { Db } from "../db/index";
import { SESSION_COOKIE, createLucia, validateSession } from "../app/models/accounts/auth.server";
import type { Realtime } from "../app/models/core/notifications.server";
import type { Actor } from "../app/models/core/permissions";
import { SOCKET_UNAVAILABLE } from "../app/lib/socket";
import { parseCookies } from "./cookies";
import { registerMatchHandlers } from "./match-channel";
import { registerGroupChannelHandlers } from "./group-channel";
import { registerDisputeHandlers } from "./dispute-channel";

export const userRoom = (userId: string) => `user:${userId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/** One user's open sockets across all tabs, devices and nodes. */
export const MAX_SOCKETS_PER_USER = 20;

export interface SocketData {
  actor: Actor;
  sessionId: string;
}

/**
 * Socket.IO on the app's HTTP server. The handshake is authenticated from the same Lucia session
 * cookie as the pages; a socket without a valid session never connects.
 */
function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

export function attachRealtime(httpServer: HttpServer, db: Db): { io: Server; realtime: Realtime } {
  const io = new Server<Record<string, never>, Record<string, (...args: unknown[]) => void>, Record<string, never>, SocketData>(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    // Browsers always send Origin on a WebSocket handshake; a foreign one is a cross-site hijack
    // attempt (the cookie would ride along), refused like a cross-site form post.
    allowRequest: (req, done) => {
      const origin = req.headers.origin;
      if (!origin) return done(null, true);
      done(null, originHost(origin) === req.headers.host);
    },
  });
  const lucia = createLucia(db, false);

  io.use(async (socket, next) => {
    try {
      const sessionId = parseCookies(socket.request.headers.cookie)[SESSION_COOKIE] ?? null;
      // The same gate as the pages: staff without two-factor come back with no actor and never connect.
      const { actor, session } = await validateSession(db, lucia, sessionId);
      if (!actor || !session) return next(new Error("unauthorized"));
      if ((await io.in(userRoom(actor.id)).fetchSockets()).length >= MAX_SOCKETS_PER_USER) return next(new Error("too_many_connections"));
      socket.data.actor = actor;
      socket.data.sessionId = session.id;
      next();
    } catch {
      // The session could not be read (the database away or slow): not the client's fault, so not
      // "unauthorized", which a browser takes as final. "unavailable" tells it to try again.
      next(new Error(SOCKET_UNAVAILABLE));
    }
  });

  const realtime: Realtime = {
    toUser(userId, event, data) {
      io.to(userRoom(userId)).emit(event, data);
    },
    toRoom(room, event, data) {
      io.to(room).emit(event, data);
    },
    disconnect(target) {
      io.in("userId" in target ? userRoom(target.userId) : sessionRoom(target.sessionId)).disconnectSockets(true);
    },
  };
  io.on("connection", (socket: Socket) => {
    const data = socket.data as SocketData;
    void socket.join([userRoom(data.actor.id), sessionRoom(data.sessionId)]);
    registerMatchHandlers(socket, db, realtime);
    registerGroupChannelHandlers(socket, db, realtime);
    registerDisputeHandlers(socket, db);
  });

  return { io: io as unknown as Server, realtime };
}
