import type { LoaderFunctionArgs } from "@remix-run/node";
import { guard } from "~/lib/http.server";
import { uuidParam } from "~/models/core/params";
import { meetingIcs } from "~/models/standards/meetings.server";

/** One meeting as an iCalendar file (times in UTC) for the members' calendars. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  if (!uuidParam.safeParse(params.meetingId).success || !uuidParam.safeParse(params.id).success) throw new Response("Not found", { status: 404 });
  const origin = new URL(request.url).origin;
  const { groupId, filename, body } = await guard(context, () => meetingIcs(context.db, context.actor, params.meetingId!, origin));
  if (groupId !== params.id) throw new Response("Not found", { status: 404 });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
