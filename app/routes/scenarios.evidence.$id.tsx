import type { LoaderFunctionArgs } from "@remix-run/node";
import { guard, routeUuid } from "~/lib/http.server";
import { stageEvidenceFile } from "~/models/scenarios/consent.server";

/** A stage request's evidence file, for the publishing organisation and the secretariat (the model decides). */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const id = routeUuid(params, "id");
  return guard(context, async () => {
    const file = await stageEvidenceFile(context.db, context.actor, id);
    const ext = file.type === "application/pdf" ? "pdf" : file.type === "image/png" ? "png" : "jpg";
    return new Response(new Uint8Array(file.data), {
      headers: {
        "Content-Type": file.type,
        "Content-Length": String(file.data.byteLength),
        "Content-Disposition": `attachment; filename="evidence.${ext}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  });
}
