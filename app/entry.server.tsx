import { Transform } from "node:stream";
import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { logError } from "~/models/core/log.server";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";

const ABORT_DELAY = 5_000;

/** Loader, action and render errors: logged by class and code with the request id, never with SQL parameters. */
export function handleError(error: unknown, { request, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted) return;
  logError(`${request.method} ${new URL(request.url).pathname}`, error, context.requestId);
}

/**
 * React 18.3's stream writer flushes its whole 2 KB buffer when a multi-byte character does not
 * fit at its end, trailing zero bytes included, and writes the character into the next chunk. So
 * pages carried stray NUL bytes (the Nu HTML Checker's "Saw U+0000"). Our HTML never holds a real
 * NUL (every input refuses it), so dropping 0x00 restores exactly the intended bytes.
 */
function withoutNulBytes() {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, chunk.includes(0) ? chunk.filter((b) => b !== 0) : chunk);
    },
  });
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const callback = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={loadContext.nonce} />,
      {
        nonce: loadContext.nonce,
        [callback]() {
          shellRendered = true;
          const body = withoutNulBytes();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors after the shell are logged, never shown: the ErrorBoundary renders the friendly page.
          if (shellRendered) logError(`render ${new URL(request.url).pathname}`, error, loadContext.requestId);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
