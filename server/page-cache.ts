import type { NextFunction, Request, Response } from "express";
import { sql } from "kysely";
import { LRUCache } from "lru-cache";
import type { Db } from "../db/index";

/**
 * Whole rendered pages, served again while the database would show the same requester the same rows.
 *
 * Nothing has to be invalidated by hand, which is what makes this safe. The key holds everything a
 * render reads from the request (the URL, host and scheme, the cookies, so the session and the
 * language, and Accept-Language) and the database's current snapshot (`xmin:xmax:in-progress`).
 * Two equal snapshots see exactly the same rows, and any commit, by this process, another node, a
 * job or psql, gives a new one that never repeats; read-only work leaves it alone. So a page is
 * reused only while no write has landed anywhere. What the database does not hold (the clock:
 * "closes in 2 hours", figures cached in memory) is bounded by the entry's short life.
 *
 * A page carries a per-response CSP nonce: it is stored as parts around the nonce and joined with
 * the new request's one. A page is kept from the second time the same requester asks for it, and
 * only complete 200 answers are kept: never one that sets a cookie, says
 * `no-store`, failed while streaming, or answers an Authorization header (API clients).
 */
export interface PageCacheOptions {
  /** Longest life of an entry, for what the snapshot does not cover (the clock). */
  ttlMs?: number;
  /** Memory held by stored pages' bytes. */
  maxBytes?: number;
}

interface Entry {
  status: number;
  headers: [string, string | number | string[]][];
  /** The body's bytes split around the nonce it was rendered with: a hit only copies bytes. */
  parts: Buffer[];
}

/** Headers the stack sets again on every response, or that depend on the bytes sent. */
const PER_RESPONSE = new Set(["content-length", "content-encoding", "transfer-encoding", "vary", "etag", "set-cookie", "x-page-cache"]);
const STORED_TYPES = /^(text\/html|application\/json)\b/;

export function pageCache(db: Db, { ttlMs = 5_000, maxBytes = 32 * 2 ** 20 }: PageCacheOptions = {}) {
  const cache = new LRUCache<string, Entry>({
    ttl: ttlMs,
    maxSize: maxBytes,
    sizeCalculation: (e) => e.parts.reduce((n, p) => n + p.length, 0) + 256,
  });

  const asked = new LRUCache<string, true>({ max: 10_000, ttl: 60_000 });

  return async function pageCacheMiddleware(req: Request, res: Response, next: NextFunction) {
    if (req.method !== "GET" || req.headers.authorization) return next();
    let snapshot: string;
    try {
      snapshot = await currentSnapshot(db);
    } catch {
      // The database is away: the page's own path answers that (a retryable 503).
      return next();
    }
    const request = [req.protocol, req.get("host"), req.originalUrl, req.headers.cookie, req.headers["accept-language"]].join("\n");
    const key = `${request}\n${snapshot}`;
    const nonce = res.locals.nonce as string;
    const hit = cache.get(key);
    if (hit) {
      const body = joinAround(hit.parts, Buffer.from(nonce));
      res.status(hit.status);
      for (const [name, value] of hit.headers) res.setHeader(name, value);
      res.setHeader("Content-Length", body.length);
      res.setHeader("X-Page-Cache", "hit");
      res.end(body);
      return;
    }
    res.setHeader("X-Page-Cache", "miss");
    // Kept from its second request on: most signed-in views and searches are asked for once, and
    // keeping those would only cost their bytes and garbage.
    if (!asked.has(request)) {
      asked.set(request, true);
      return next();
    }
    const before = new Set(res.getHeaderNames());
    captureBody(res, (body) => {
      const type = String(res.getHeader("content-type") ?? "");
      const storable =
        res.statusCode === 200 &&
        !res.locals.uncacheable &&
        !res.hasHeader("set-cookie") &&
        !/no-store/.test(String(res.getHeader("cache-control") ?? "")) &&
        STORED_TYPES.test(type);
      if (!storable) return;
      const headers = Object.entries(res.getHeaders()).filter(
        ([name, value]) => !before.has(name) && !PER_RESPONSE.has(name) && value !== undefined,
      ) as Entry["headers"];
      // A signed-in page lives no longer than its session.
      const sessionLeft = typeof res.locals.sessionExpiresAt === "number" ? res.locals.sessionExpiresAt - Date.now() : ttlMs;
      if (sessionLeft <= 0) return;
      cache.set(key, { status: res.statusCode, headers, parts: splitAround(body, Buffer.from(nonce)) }, { ttl: Math.min(ttlMs, sessionLeft) });
    });
    next();
  };
}

function splitAround(body: Buffer, separator: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = body.indexOf(separator); at !== -1; at = body.indexOf(separator, from)) {
    parts.push(body.subarray(from, at));
    from = at + separator.length;
  }
  parts.push(body.subarray(from));
  return parts;
}

function joinAround(parts: Buffer[], separator: Buffer): Buffer {
  return Buffer.concat(parts.flatMap((part, i) => (i ? [separator, part] : [part])));
}

/** The database's current MVCC snapshot: equal snapshots see the same rows. */
async function currentSnapshot(db: Db): Promise<string> {
  const { rows } = await sql<{ s: string }>`select pg_current_snapshot()::text as s`.execute(db);
  return rows[0].s;
}

/** Collects what the response writes and hands it over once it ended in full. */
function captureBody(res: Response, onComplete: (body: Buffer) => void) {
  const chunks: Buffer[] = [];
  const collect = (chunk: unknown, encoding: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === "function") return;
    chunks.push(
      typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8") : Buffer.from(chunk as Uint8Array),
    );
  };
  const write = res.write;
  const end = res.end;
  res.write = function (this: Response, chunk: unknown, ...rest: unknown[]) {
    collect(chunk, rest[0]);
    return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as Response["write"];
  res.end = function (this: Response, chunk?: unknown, ...rest: unknown[]) {
    collect(chunk, rest[0]);
    const result = (end as (...a: unknown[]) => Response).call(this, chunk, ...rest);
    // An answer cut short (the client left, the stream failed) never reaches "finish" in full.
    if (!res.destroyed) onComplete(Buffer.concat(chunks));
    return result;
  } as Response["end"];
}
