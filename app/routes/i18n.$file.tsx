import type { LoaderFunctionArgs } from "@remix-run/node";
import { isLocale } from "~/i18n";
import { catalogFile } from "~/i18n/catalog-files.server";

const FILE = /^([A-Za-z-]+)\.(shell|rest)\.([0-9a-f]{12})\.json$/;

/** A part of a language's catalog (i18n/catalog-parts.ts); cached for good when the URL names the current content. */
export async function loader({ params }: LoaderFunctionArgs) {
  const m = FILE.exec(params.file ?? "");
  if (!m || !isLocale(m[1])) throw new Response("Not found", { status: 404 });
  const file = catalogFile(m[1], m[2] as "shell" | "rest");
  const current = file.url.endsWith(`.${m[3]}.json`);
  return new Response(file.body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      // A page built before the messages changed asks for the old name: it gets today's messages, not kept.
      "Cache-Control": current ? "public, max-age=31536000, immutable" : "no-cache",
    },
  });
}
