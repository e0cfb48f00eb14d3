import { AsyncLocalStorage } from "node:async_hooks";
import { pino, stdTimeFunctions, type DestinationStream, type Logger } from "pino";
import { setLogSink } from "../app/models/core/log.server";
import type { LogLevel } from "./config";

export type { Logger } from "pino";

const requests = new AsyncLocalStorage<string>();

/** Runs `fn` (and everything it awaits) as part of request `id`: each line logged meanwhile carries it. */
export const withRequestId = <T>(id: string, fn: () => T): T => requests.run(id, fn);

/**
 * Header and field names whose values are secrets wherever they appear in a logged object: session
 * cookies, bearer API keys, passwords, tokens and the TOTP secrets. Lines log redacted URLs and
 * error classes (app/models/core/log.server.ts), never bodies; this is the net under that rule.
 */
const REDACT = [
  "cookie",
  "authorization",
  "password",
  "token",
  "secret",
  "headers.cookie",
  "headers.authorization",
  'headers["set-cookie"]',
  "*.cookie",
  "*.authorization",
  "*.password",
  "*.token",
  "*.secret",
];

/**
 * The server's log: one JSON object per line (pino) on stdout, or on `destination` (tests). A line
 * written while a request is being handled carries its id (`reqId`, the X-Request-Id it answered with).
 */
export function createLogger(options: { level?: LogLevel; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? "info",
      base: { pid: process.pid },
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const reqId = requests.getStore();
        return reqId ? { reqId } : {};
      },
      redact: { paths: REDACT, censor: "[redacted]" },
    },
    options.destination,
  );
}

/** Sends the models' error log (logError) to `logger`: the request's failures as JSON lines with its id. */
export function logModelsTo(logger: Logger) {
  setLogSink({
    info: (fields, msg) => logger.info(fields, msg),
    error: (fields, msg) => logger.error(fields, msg),
  });
}
