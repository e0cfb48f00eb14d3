import type { Socket } from "socket.io-client";
import type { Wire } from "./wire";

/** Emits `event` and resolves with the server's acknowledgement; rejects when none comes within `ms`. */
export function ack<T = Wire>(socket: Socket, event: string, payload: unknown, ms = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    socket.timeout(ms).emit(event, payload, (err: unknown, reply: T) => (err ? reject(err) : resolve(reply)));
  });
}

/** Resolves once the socket is connected, rejects when the server refuses it. */
export function connected(socket: Socket): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
}

/** The next `event` on the socket; rejects when none comes within `ms`. */
export function nextEvent<T = Wire>(socket: Socket, event: string, ms = 5000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event}`)), ms);
    socket.once(event, (data: T) => {
      clearTimeout(timer);
      resolve(data);
    });
  });
}
