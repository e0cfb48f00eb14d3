import crypto from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import helmet from "helmet";
import { getT } from "../app/i18n/index";
import { requestLocale } from "./cookies";

export function nonce(_req: Request, res: Response, next: NextFunction) {
  res.locals.nonce = crypto.randomBytes(16).toString("base64");
  next();
}

export const securityHeaders = helmet({
  contentSecurityPolicy: {
    directives: {
      "default-src": ["'self'"],
      "script-src": ["'self'", (_req, res) => `'nonce-${(res as Response).locals.nonce}'`],
      "style-src": ["'self'", "'unsafe-inline'"],
      // Scenario images are https links to the members' own sites.
      "img-src": ["'self'", "data:"],
      "connect-src": ["'self'", "ws:", "wss:"],
      "upgrade-insecure-requests": null,
    },
  },
  // Plain http on localhost must keep working; HSTS belongs to the TLS terminator in front.
  strictTransportSecurity: false,
  // "no-referrer" makes browsers send `Origin: null` on form navigations, which the origin check must refuse.
  referrerPolicy: { policy: "strict-origin-when-cross-origin" },
});

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Mutations must come from our own origin: the Origin header (or, failing that, Referer) must
 * match the host the request was sent to. SameSite=Lax cookies are the second line.
 */
export function originCheck(req: Request, res: Response, next: NextFunction) {
  if (SAFE.has(req.method) || req.path.startsWith("/socket.io/")) return next();
  // The JSON API authenticates with API keys in a header, never with cookies, so a forged
  // cross-site request has nothing to ride on.
  if (req.path.startsWith("/api/")) return next();
  const expected = `${req.protocol}://${req.get("host")}`;
  const source = req.get("origin") ?? originOf(req.get("referer"));
  if (source === expected) return next();
  res
    .status(403)
    .type("text/plain; charset=utf-8")
    .send(getT(requestLocale(req.headers))("errors.csrf"));
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
