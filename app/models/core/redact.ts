/**
 * Secrets that travel in URLs (a reset, confirmation or invitation link's `token`, a code, a key)
 * are cut out of anything staff or operators read: the outbox page, the console, the request log.
 * A link that still works belongs only in the mail sent to its owner.
 */
const SECRET_PARAM = /([?&](?:token|code|key)=)[^&\s"'<>#]+/gi;

export const REDACTED = "[redacted]";

/** The text with every token-like URL parameter's value replaced by `[redacted]`. */
export function redactSecrets(text: string): string {
  return text.replace(SECRET_PARAM, `$1${REDACTED}`);
}
