/**
 * Text from outside that the database cannot take: Postgres refuses NUL (U+0000) in text and
 * lone UTF-16 surrogates in jsonb. Every entry point (URL, form, JSON API, socket event) asks
 * this one question and refuses such input with a 400, so no model ever sees it.
 */
const UNSAFE_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Form posts and API bodies above this are refused (413) before they are read. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** A form with files (multipart): room for six 5 MB images and the rest of the form. */
export const MAX_UPLOAD_BODY_BYTES = 32 * 1024 * 1024;

/** Nesting deeper than this is not a shape any of our inputs has; refusing it keeps walks bounded. */
export const MAX_INPUT_DEPTH = 32;

export function isUnsafeText(s: string): boolean {
  return UNSAFE_TEXT.test(s);
}

export type InputProblem = "unsafeText" | "tooDeep";

/** Walks strings, arrays and plain objects (keys included) without recursion. */
export function findInputProblem(value: unknown): InputProblem | null {
  const stack: Array<{ v: unknown; depth: number }> = [{ v: value, depth: 0 }];
  while (stack.length) {
    const { v, depth } = stack.pop()!;
    if (typeof v === "string") {
      if (isUnsafeText(v)) return "unsafeText";
    } else if (v !== null && typeof v === "object") {
      if (depth >= MAX_INPUT_DEPTH) return "tooDeep";
      if (Array.isArray(v)) for (const x of v) stack.push({ v: x, depth: depth + 1 });
      else
        for (const [k, x] of Object.entries(v)) {
          if (isUnsafeText(k)) return "unsafeText";
          stack.push({ v: x, depth: depth + 1 });
        }
    }
  }
  return null;
}
