import type { RequestHandler } from "express";
import type { Logger } from "pino";
import { redactSecrets } from "../app/models/core/redact";

/**
 * The request log (LOG_REQUESTS): one JSON line per answered request, with the request's id. The
 * URL has its token, code and key parameters cut out (a reset or invitation link in the log would
 * open an account to whoever reads it); no header, cookie or body is logged.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    res.once("finish", () => {
      logger.info(
        {
          reqId: res.locals.requestId as string | undefined,
          method: req.method,
          url: redactSecrets(req.originalUrl ?? req.url),
          route: res.locals.route as string | undefined,
          status: res.statusCode,
          ms: Math.round((performance.now() - started) * 10) / 10,
          bytes: Number(res.getHeader("content-length")) || undefined,
          ip: req.ip,
        },
        "request",
      );
    });
    next();
  };
}
