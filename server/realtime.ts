import type { Server as HttpServer } from "node:http";
import { Server, type Socket } from "socket.io";
import type { Db } from "../db/index";
import { SESSION_COOKIE, createLucia, validateSession } from "../app/models/accounts/auth.server";
import type { Realtime } from "../app/models/core/notifications.server";
import type { Actor } from "../app/models/core/permissions";
import { parseCookies } from "./cookies";
import { registerMatchHandlers } from "./match-channel";
import { registerGroupChannelHandlers } from "./group-channel";

export const userRoom = (userId: string) => `user:${userId}`;

export interface SocketData {
  actor: Actor;
}

/**
 * Socket.IO on the app's HTTP server. The handshake is authenticated from the same Lucia session
 * cookie as the pages; a socket without a valid session never connects.
 */
export function attachRealtime(httpServer: HttpServer, db: Db): { io: Server; realtime: Realtime } {
  const io = new Server<Record<string, never>, Record<string, (...args: any[]) => void>, Record<string, never>, SocketData>(
    httpServer,
    { serveClient: false, maxHttpBufferSize: 64 * 1024 },
  );
  const lucia = createLucia(db, false);

  io.use(async (socket, next) => {
    try {
      const sessionId = parseCookies(socket.request.headers.cookie)[SESSION_COOKIE] ?? null;
      const { actor } = await validateSession(db, lucia, sessionId);
      if (!actor) return next(new Error("unauthorized"));
      socket.data.actor = actor;
      next();
    } catch {
      next(new Error("unauthorized"));
    }
  });

  const realtime: Realtime = {
    toUser(userId, event, data) {
      io.to(userRoom(userId)).emit(event, data);
    },
    toRoom(room, event, data) {
      io.to(room).emit(event, data);
    },
  };
  io.on("connection", (socket: Socket) => {
    void socket.join(userRoom((socket.data as SocketData).actor.id));
    registerMatchHandlers(socket, db, realtime);
    registerGroupChannelHandlers(socket, db, realtime);
  });

  return { io: io as unknown as Server, realtime };
}
