import { z } from "zod";

/**
 * The server's configuration, parsed once at start from the environment. A bad value stops the
 * server with a message that names the variable, instead of a default nobody chose.
 */
export interface Config {
  /**
   * The base of every link the platform writes into mail (and calendar files), e.g.
   * `https://yaosu.example.org`. Null for the embedded demo: links then point at
   * `http://localhost:PORT`. Never taken from a request, whose Host header the sender chooses.
   */
  publicUrl: string | null;
  /** Postgres connection string; null for the embedded PGlite. */
  databaseUrl: string | null;
  /** NODE_ENV=production. */
  production: boolean;
  /**
   * `demo` seeds the demo data at start (when it is not there yet) and lets its published
   * credentials sign in; `off` does neither. Unset: `demo` on the embedded database only.
   */
  seed: "demo" | "off";
}

export class ConfigError extends Error {}

const unsetIfEmpty = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const parseUrl = (v: string) => (URL.canParse(v) ? new URL(v) : null);

const publicUrl = z.preprocess(
  unsetIfEmpty,
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
    })
    .optional(),
);

const schema = z.object({
  PUBLIC_URL: publicUrl,
  DATABASE_URL: z.preprocess(unsetIfEmpty, z.string().optional()),
  NODE_ENV: z.string().optional(),
  SEED: z.preprocess(unsetIfEmpty, z.enum(["demo", "off"]).optional()),
});

/** Reads the configuration, or throws a ConfigError naming the variable at fault and what it accepts. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message} (got ${JSON.stringify(env[String(i.path[0])] ?? "")})`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join("\n  ")}`);
  }
  const { PUBLIC_URL, DATABASE_URL, NODE_ENV, SEED } = parsed.data;
  // On Postgres in production the site sits behind a name of its own: mail must say which, and
  // the request's Host header (chosen by whoever sends the request) must never decide it.
  if (DATABASE_URL && NODE_ENV === "production" && !PUBLIC_URL) {
    throw new ConfigError(
      "PUBLIC_URL is required when the server runs on Postgres (DATABASE_URL) in production: set it to the site's address as members reach it, e.g. PUBLIC_URL=https://yaosu.example.org",
    );
  }
  return {
    publicUrl: PUBLIC_URL ?? null,
    databaseUrl: DATABASE_URL ?? null,
    production: NODE_ENV === "production",
    // A shared Postgres is someone's real database: the demo (and its published password) only when asked for.
    seed: SEED ?? (DATABASE_URL ? "off" : "demo"),
  };
}
