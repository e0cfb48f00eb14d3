import net from "node:net";
import path from "node:path";
import { z } from "zod";

/**
 * The server's configuration, parsed once at start from the environment (server/index.ts): every
 * variable the server reads is here. A bad value stops the server with one line that names the
 * variable and what it accepts, instead of a default nobody chose (REQUEST_TIMEOUT_MS=abc was a
 * 1 ms timer and a 503 for every request).
 */
export interface Config {
  /** NODE_ENV: `production` (npm start, npm run serve), `development` (npm run dev), `test`, or unset. */
  nodeEnv: "production" | "development" | "test" | null;
  /** NODE_ENV=production. */
  production: boolean;
  /** PORT: where the HTTP server listens (0: any free port). */
  port: number;
  /** DATABASE_URL: Postgres connection string; null for the embedded PGlite. */
  databaseUrl: string | null;
  /** PGLITE_DIR, resolved: where the embedded database keeps its files. */
  pgliteDir: string;
  /**
   * SEED: `demo` seeds the demo data at start (when it is not there yet) and lets its published
   * credentials sign in; `off` does neither. Unset: `demo` on the embedded database only.
   */
  seed: "demo" | "off";
  /**
   * PUBLIC_URL: the base of every link the platform writes into mail (and calendar files), e.g.
   * `https://yaosu.example.org`. Null for the embedded demo: links then point at
   * `http://localhost:PORT`. Never taken from a request, whose Host header the sender chooses.
   */
  publicUrl: string | null;
  /** REQUEST_TIMEOUT_MS: no request waits longer; past it the client gets a retryable 503. */
  requestTimeoutMs: number;
  /** TRUST_PROXY, checked: which proxies may set X-Forwarded-* (server/app.ts trustProxy); undefined trusts none. */
  trustProxy: string | undefined;
  /** LOG_REQUESTS: a line per request in the log. */
  logRequests: boolean;
  /** JOBS: this process runs the scheduled jobs. */
  jobs: boolean;
  /** SMTP_URL: the mail server; null puts mail in the outbox table and on the console. */
  smtpUrl: string | null;
  /** MAIL_FROM: the sender of the platform's mail; null for the platform's default. */
  mailFrom: string | null;
  /** LOG_LEVEL: the least severe log line written (pino's levels). */
  logLevel: LogLevel;
  /** METRICS_TOKEN: the bearer token /metrics asks for; null keeps /metrics off (404). */
  metricsToken: string | null;
}

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The request timeout when REQUEST_TIMEOUT_MS is not set. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 20_000;

export class ConfigError extends Error {}

const unsetIfEmpty = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const parseUrl = (v: string) => (URL.canParse(v) ? new URL(v) : null);

/** An optional variable: unset or empty means the default. */
const optional = <T extends z.ZodTypeAny>(type: T) => z.preprocess(unsetIfEmpty, type.optional());

/** One of a few words; the message lists them. */
const oneOf = <const T extends [string, ...string[]]>(values: T) =>
  optional(z.enum(values, { errorMap: () => ({ message: `must be one of ${values.join(", ")}` }) }));

const onOff = oneOf(["on", "off"]);

const wholeNumber = (min: number, max: number, unit = "") =>
  optional(
    z
      .string()
      .trim()
      .refine((v) => /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max, `must be a whole number${unit} from ${min} to ${max}`)
      .transform(Number),
  );

const urlWith = (protocols: string[], what: string) =>
  optional(
    z
      .string()
      .trim()
      .refine((v) => protocols.includes(parseUrl(v)?.protocol ?? ""), `must be ${what}`),
  );

const publicUrl = optional(
  z
    .string()
    .trim()
    .refine((v) => /^https?:$/.test(parseUrl(v)?.protocol ?? ""), "must start with http:// or https://")
    .refine((v) => {
      const u = parseUrl(v);
      return !u || (!u.search && !u.hash && !u.username && !u.password);
    }, "must be an origin and path only (no query, fragment or credentials)")
    // Links are written as `${publicUrl}/reset-password?...`: no trailing slash.
    .transform((v) => {
      const u = new URL(v);
      return `${u.origin}${u.pathname}`.replace(/\/+$/, "");
    }),
);

/** What Express's `trust proxy` accepts, checked here instead of failing at the first request. */
const PROXY_NAMES = ["loopback", "linklocal", "uniquelocal"];
const isProxyEntry = (entry: string) => {
  if (PROXY_NAMES.includes(entry)) return true;
  const [ip, prefix, ...rest] = entry.split("/");
  const family = net.isIP(ip);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d+$/.test(prefix) ? Number(prefix) <= (family === 4 ? 32 : 128) : family === 4 && net.isIPv4(prefix);
};
const trustProxy = optional(
  z
    .string()
    .trim()
    .refine(
      (v) => /^(true|false|\d+)$/.test(v) || v.split(",").every((e) => isProxyEntry(e.trim())),
      "must be true, false, a hop count (e.g. 1), or a comma-separated list of loopback, linklocal, uniquelocal, IP addresses and CIDR ranges (e.g. loopback, 10.0.0.0/8)",
    ),
);

const mailFrom = optional(
  z
    .string()
    .trim()
    .refine((v) => /^[^<>@\s]+@[^<>@\s]+$/.test(v) || /^[^<>]*<[^<>@\s]+@[^<>@\s]+>$/.test(v), 'must be an address or "Name <address>"'),
);

/** Variables whose values are secrets (passwords inside URLs): a message names them, never quotes them. */
const SECRET = new Set(["DATABASE_URL", "SMTP_URL", "METRICS_TOKEN"]);

const schema = z.object({
  NODE_ENV: oneOf(["production", "development", "test"]),
  PORT: wholeNumber(0, 65535),
  DATABASE_URL: urlWith(["postgres:", "postgresql:"], "a postgres:// or postgresql:// connection string"),
  PGLITE_DIR: optional(z.string()),
  SEED: oneOf(["demo", "off"]),
  PUBLIC_URL: publicUrl,
  REQUEST_TIMEOUT_MS: wholeNumber(1000, 600_000, " of milliseconds"),
  TRUST_PROXY: trustProxy,
  LOG_REQUESTS: onOff,
  JOBS: onOff,
  SMTP_URL: urlWith(["smtp:", "smtps:"], "an smtp:// or smtps:// URL"),
  MAIL_FROM: mailFrom,
  LOG_LEVEL: oneOf([...LOG_LEVELS]),
  METRICS_TOKEN: optional(
    z
      .string()
      .trim()
      .refine((v) => /^[\x21-\x7e]{16,}$/.test(v), "must be at least 16 printable characters without spaces (e.g. from openssl rand -hex 32)"),
  ),
});

/** Reads the configuration, or throws a ConfigError whose one-line message names each variable at fault and what it accepts. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const named = new Set<string>();
    const faults = parsed.error.issues.flatMap((i) => {
      const name = String(i.path[0]);
      if (named.has(name)) return [];
      named.add(name);
      return [`${name}: ${i.message}${SECRET.has(name) ? "" : ` (got ${JSON.stringify(env[name] ?? "")})`}`];
    });
    throw new ConfigError(`Invalid configuration: ${faults.join("; ")}`);
  }
  const c = parsed.data;
  const production = c.NODE_ENV === "production";
  // On Postgres in production the site sits behind a name of its own: mail must say which, and
  // the request's Host header (chosen by whoever sends the request) must never decide it.
  if (c.DATABASE_URL && production && !c.PUBLIC_URL) {
    throw new ConfigError(
      "PUBLIC_URL is required when the server runs on Postgres (DATABASE_URL) in production: set it to the site's address as members reach it, e.g. PUBLIC_URL=https://yaosu.example.org",
    );
  }
  return {
    nodeEnv: c.NODE_ENV ?? null,
    production,
    port: c.PORT ?? 3000,
    databaseUrl: c.DATABASE_URL ?? null,
    pgliteDir: path.resolve(c.PGLITE_DIR ?? "./data/pglite"),
    // A shared Postgres is someone's real database: the demo (and its published password) only when asked for.
    seed: c.SEED ?? (c.DATABASE_URL ? "off" : "demo"),
    publicUrl: c.PUBLIC_URL ?? null,
    requestTimeoutMs: c.REQUEST_TIMEOUT_MS ?? DEFAULT_REQUEST_TIMEOUT_MS,
    trustProxy: c.TRUST_PROXY,
    logRequests: c.LOG_REQUESTS !== "off",
    jobs: c.JOBS !== "off",
    smtpUrl: c.SMTP_URL ?? null,
    mailFrom: c.MAIL_FROM ?? null,
    logLevel: c.LOG_LEVEL ?? "info",
    metricsToken: c.METRICS_TOKEN ?? null,
  };
}
