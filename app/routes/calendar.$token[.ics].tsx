import type { LoaderFunctionArgs } from "@remix-run/node";
import { getT, translateKey } from "~/i18n";
import { unavailableResponse } from "~/lib/http.server";
import { isDatabaseUnavailable } from "~/models/core/errors";
import { calendarFeed } from "~/models/standards/calendar.server";

/**
 * A member's private calendar feed: the token in the URL is the credential (calendar apps send no
 * cookie), so it is the one door here that needs no session. Only its hash is stored.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  let body: string | null;
  try {
    body = await calendarFeed(context.db, params.token ?? "", context.publicUrl);
  } catch (e) {
    if (isDatabaseUnavailable(e)) throw unavailableResponse(context);
    throw e;
  }
  if (body === null) {
    return new Response(translateKey(getT(context.locale), "calendar.feedUnknown") + "\n", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="yaosu.ics"',
      "Cache-Control": "private, no-store",
      "X-Robots-Tag": "noindex",
      "Referrer-Policy": "no-referrer",
    },
  });
}
