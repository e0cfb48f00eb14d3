/**
 * Domain errors carry an HTTP status and an i18n key, so every surface (routes, sockets, API,
 * scripts) can answer in the user's language without knowing why the model refused.
 */
export class DomainError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 429,
    readonly messageKey: string,
    readonly params: Record<string, unknown> = {},
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(messageKey);
    this.name = "DomainError";
  }
}

export const notFound = (key = "errors.notFound") => new DomainError(404, key);
export const forbidden = (key = "errors.forbidden") => new DomainError(403, key);
export const conflict = (key: string, field?: string) => new DomainError(409, key, {}, field ? { [field]: [key] } : {});
export const invalid = (key: string, field?: string) => new DomainError(400, key, {}, field ? { [field]: [key] } : {});
export const rateLimited = (key: string, retryAfterSeconds: number) =>
  new DomainError(429, key, { minutes: Math.ceil(retryAfterSeconds / 60), seconds: Math.ceil(retryAfterSeconds) });

/** After an outage, clients wait this long before they try again. */
export const RETRY_AFTER_UNAVAILABLE_SECONDS = 5;

/** The Retry-After an answer carries: for a 503 the outage pause, for a 429 what the limit says. */
export function retryAfterHeaders(status: number, params: Record<string, unknown> = {}): Record<string, string> {
  if (status === 503) return { "Retry-After": String(RETRY_AFTER_UNAVAILABLE_SECONDS) };
  if (status === 429 && typeof params.seconds === "number") return { "Retry-After": String(params.seconds) };
  return {};
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}

/**
 * SQLSTATEs after which the same request may succeed if retried: connection exceptions (08),
 * insufficient resources such as too many connections (53), a statement cancelled or timed out
 * (57014) and operator intervention (57P0x), a lock not obtained in time (55P03), serialization
 * failures and deadlocks (40001, 40P01).
 */
const RETRYABLE_SQLSTATE = /^(08|53|57014$|57P0|55P03$|40001$|40P01$)/;

/**
 * The database is unreachable, restarting or too busy (connection refused or dropped, admin
 * shutdown, starting up, full, a statement timeout, pool timeout): the request may succeed if
 * retried, so it is a 503 with Retry-After, never a 500.
 */
export function isDatabaseUnavailable(e: unknown): boolean {
  const err = e as { code?: string; errno?: string; message?: string };
  const code = String(err?.code ?? err?.errno ?? "");
  if (RETRYABLE_SQLSTATE.test(code)) return true;
  if (["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT"].includes(code))
    return true;
  return /Connection terminated|connection is closed|PGlite is closed|too many clients/i.test(err?.message ?? "");
}

/** Unique constraints by name, each with the refusal it stands for: a message key and its field. */
export type DuplicateRefusals = Readonly<Record<string, readonly [key: string, field?: string]>>;

/**
 * Runs a write and answers a violation of a constraint named in `refusals` with its 409. The
 * constraint decides, not a read before the write: two requests at once both pass such a read.
 */
export async function refusingDuplicates<T>(refusals: DuplicateRefusals, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    for (const [constraint, [key, field]] of Object.entries(refusals)) if (isUniqueViolation(e, constraint)) throw conflict(key, field);
    throw e;
  }
}

/** Postgres unique_violation, from either driver. */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  const err = e as { code?: string; constraint?: string; constraint_name?: string; message?: string };
  if (err?.code !== "23505") return false;
  if (!constraint) return true;
  const name = err.constraint ?? err.constraint_name ?? "";
  return name === constraint || (err.message ?? "").includes(constraint);
}
