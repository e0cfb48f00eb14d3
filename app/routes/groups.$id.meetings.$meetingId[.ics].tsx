import type { LoaderFunctionArgs } from "@remix-run/node";
import { guard } from "~/lib/http.server";
import { uuidParam } from "~/models/core/params";
import { meetingIcs } from "~/models/standards/meetings.server";

/** One meeting as an iCalendar file (times in UTC) for the members' calendars. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  if (!uuidParam.safeParse(params.meetingId).success || !uuidParam.safeParse(params.id).success) throw new Response("Not found", { status: 404 });
  // The calendar entry's link is on the site's public URL, like links in mail, not on the request's Host.
  const { groupId, filename, body } = await guard(context, () => meetingIcs(context.db, context.actor, params.meetingId!, context.publicUrl));
  if (groupId !== params.id) throw new Response("Not found", { status: 404 });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
