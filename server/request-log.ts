import type { RequestHandler } from "express";
import morgan from "morgan";
import { redactSecrets } from "../app/models/core/redact";

// morgan's "short" line, with the URL's token, code and key parameters cut out: a reset or
// invitation link in the log would open an account to whoever reads the log.
morgan.token("safe-url", (req) => redactSecrets((req as { originalUrl?: string }).originalUrl ?? req.url ?? ""));
const FORMAT = ":remote-addr :remote-user :method :safe-url HTTP/:http-version :status :res[content-length] - :response-time ms";

/** The request log (LOG_REQUESTS); `stream` defaults to stdout. */
export function requestLog(stream?: { write(line: string): void }): RequestHandler {
  return morgan(FORMAT, stream ? { stream } : {});
}
