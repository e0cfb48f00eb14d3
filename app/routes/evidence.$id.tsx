import type { LoaderFunctionArgs } from "@remix-run/node";
import { guard, requireActor } from "~/lib/http.server";
import { readEvidence } from "~/models/trust/evidence.server";

/** A header-safe ASCII stand-in for a file name (the UTF-8 name goes in filename*). */
const asciiName = (name: string) => name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");

/**
 * `/evidence/<id>`: an evidence file, for the readers of what it is attached to (checked by the
 * model; anyone else gets a 404). Always a download, never rendered in our origin: attachment,
 * the type the bytes were checked to be (nosniff comes with every answer, server/security.ts),
 * a sandboxing policy, and no caching by shared caches.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  return guard(context, async () => {
    const file = await readEvidence(context.db, actor, params.id ?? "");
    return new Response(file.bytes, {
      headers: {
        "Content-Type": file.contentType === "text/plain" ? "text/plain; charset=utf-8" : file.contentType,
        "Content-Length": String(file.bytes.byteLength),
        "Content-Disposition": `attachment; filename="${asciiName(file.filename)}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        "Cache-Control": "private, no-store",
        "Content-Security-Policy": "default-src 'none'; sandbox",
      },
    });
  });
}
