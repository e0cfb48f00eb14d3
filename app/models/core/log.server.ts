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

export function logError(where: string, e: unknown, requestId?: string) {
  console.error(`[error] ${where}${requestId ? ` request=${requestId}` : ""}: ${describeError(e)}`);
}
