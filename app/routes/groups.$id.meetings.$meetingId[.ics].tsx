import type { LoaderFunctionArgs } from "@remix-run/node";
import { getT, translateKey } from "~/i18n";
import { guard, requireActor } from "~/lib/http.server";
import { uuidParam } from "~/models/core/params";
import { meetingIcs } from "~/models/standards/meetings.server";

const plain = (text: string, status: number) =>
  new Response(text + "\n", { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" } });

/**
 * One meeting as an iCalendar file for the members' calendars. A signed-out browser is sent to sign
 * in and back here; a refusal is a line of text in the reader's language, not JSON. Calendar apps
 * subscribe with the member's private feed (/calendar/<token>.ics), not with this link.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const t = getT(context.locale);
  if (!uuidParam.safeParse(params.meetingId).success || !uuidParam.safeParse(params.id).success) return plain(translateKey(t, "errors.notFound"), 404);
  // The one gate's door for pages that need an account: signed out to sign-in and back, staff without 2FA to enrolment.
  const actor = requireActor(context, request);
  let file: Awaited<ReturnType<typeof meetingIcs>>;
  try {
    // The calendar entry's link is on the site's public URL, like links in mail, not on the request's Host.
    file = await guard(context, () => meetingIcs(context.db, actor, params.meetingId!, context.publicUrl));
  } catch (e) {
    // guard turned a refusal into a JSON response: a calendar link answers with its sentence as text.
    if (e instanceof Response && e.status < 500) {
      const body = (await e.json().catch(() => null)) as { message?: string } | null;
      return plain(body?.message ?? translateKey(t, "errors.notFound"), e.status);
    }
    throw e;
  }
  if (file.groupId !== params.id) return plain(translateKey(t, "errors.notFound"), 404);
  return new Response(file.body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
