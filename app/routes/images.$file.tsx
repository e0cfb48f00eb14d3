import type { LoaderFunctionArgs } from "@remix-run/node";
import { guard } from "~/lib/http.server";
import { readImage } from "~/models/media/images.server";

/** `/images/<id>.webp` and `/images/<id>-thumb.webp`: stored once, never changed, so cached for good. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const m = /^([0-9a-f-]{36})(-thumb)?\.webp$/.exec(params.file ?? "");
  if (!m) throw new Response("Not found", { status: 404 });
  return guard(context, async () => {
    const data = await readImage(context.db, m[1], m[2] ? "thumb" : "full");
    return new Response(data, {
      headers: {
        "Content-Type": "image/webp",
        "Content-Length": String(data.byteLength),
        "Cache-Control": "public, max-age=31536000, immutable",
        "X-Content-Type-Options": "nosniff",
      },
    });
  });
}
