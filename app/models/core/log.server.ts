/**
 * Errors are logged by class, code and constraint, never with their parameters: a failed insert's
 * parameters hold password hashes, key hashes, e-mail addresses and message bodies.
 */
export function describeError(e: unknown): string {
  if (!(e instanceof Error)) return typeof e;
  const err = e as Error & { code?: string; constraint?: string; constraint_name?: string; table?: string; table_name?: string; routine?: string };
  const parts = [err.name];
  if (err.code) parts.push(`code=${err.code}`);
  const constraint = err.constraint ?? err.constraint_name;
  if (constraint) parts.push(`constraint=${constraint}`);
  const table = err.table ?? err.table_name;
  if (table) parts.push(`table=${table}`);
  // Database messages can quote the offending value ("Key (email)=(…) already exists"); ours do not.
  if (!err.code && !("severity" in err)) parts.push(err.message.slice(0, 200));
  const frame = err.stack?.split("\n").find((l) => l.includes("/app/") || l.includes("/server/") || l.includes("/build/"));
  if (frame) parts.push(frame.trim());
  return parts.join(" ");
}

/** Where logError writes in the server: its structured log (server/log.ts); scripts and tests without one use the console. */
export interface LogSink {
  info(fields: Record<string, unknown>, msg: string): void;
  error(fields: Record<string, unknown>, msg: string): void;
}
/**
 * Kept on the process, not in this module: the Remix build (build/index.js) carries its own copy of
 * this module beside the server's, and both must write to the one log.
 */
const SINK = Symbol.for("yaosu.logSink");
const sinkHolder = globalThis as { [SINK]?: LogSink | null };
export function setLogSink(next: LogSink | null) {
  sinkHolder[SINK] = next;
}

/** A refusal's status when what reached the log is the client's doing (a 4xx), not ours. */
function clientStatus(e: unknown): number | null {
  const status = (e as { status?: unknown } | null)?.status;
  return typeof status === "number" && status >= 400 && status < 500 ? status : null;
}

/**
 * `[error]` means we failed and someone should look. A 4xx that reaches here (Remix's own 405 for
 * a method a page has no action for, a 403 or 404 thrown as an error) is a visitor's request we
 * refused on purpose: one `[info]` line, so anonymous probes cannot bury real failures.
 */
export function logError(where: string, e: unknown, requestId?: string) {
  const status = clientStatus(e);
  const sink = sinkHolder[SINK];
  if (sink) {
    const request = requestId ? { reqId: requestId } : {};
    if (status !== null) return sink.info({ where, status, ...request }, "refused");
    return sink.error({ where, error: describeError(e), ...request }, "failed");
  }
  const request = requestId ? ` request=${requestId}` : "";
  if (status !== null) return console.info(`[info] ${where}${request}: refused ${status}`);
  console.error(`[error] ${where}${request}: ${describeError(e)}`);
}
