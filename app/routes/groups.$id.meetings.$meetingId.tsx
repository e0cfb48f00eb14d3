import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { uuidParam } from "~/models/core/params";
import { formatInZone } from "~/components/collab";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { FormError, TextArea, refusalOf } from "~/components/forms";
import { CheckedForm } from "~/components/checked-form";
import { GroupTabs } from "~/components/groups";
import { failure, guard, handleValues, readIntent, requireActor, routeUuid } from "~/lib/http.server";
import { attendanceSchema, minutesSchema } from "~/models/standards/collab-schema";
import { getGroupHeader } from "~/models/standards/groups.server";
import { renderMarkdown } from "~/models/core/markdown.server";
import { getMeeting, markAttendance, recordMinutes } from "~/models/standards/meetings.server";
import { titledBy } from "~/lib/page-meta";

export const meta = titledBy<{ group: { name: string }; meeting: { title: string } }>((d) => `${d.meeting.title} · ${d.group.name}`);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const id = routeUuid(params, "id");
  const meetingId = routeUuid(params, "meetingId");
  return guard(context, async () => {
    const meeting = await getMeeting(context.db, actor, meetingId);
    if (meeting.groupId !== id) throw json({ message: null }, { status: 404 });
    const group = await getGroupHeader(context.db, actor, id);
    return json({
      group: { id: group.id, name: group.name },
      meeting,
      me: actor.id,
      agendaHtml: renderMarkdown(meeting.agenda),
      minutesHtml: meeting.minutes ? renderMarkdown(meeting.minutes) : null,
    });
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const meetingId = uuidParam.safeParse(params.meetingId);
  const form = await readIntent(context, request);
  if (!meetingId.success || !form) return failure(context, 400, {}, {}, "v.invalid");
  if (form.intent === "minutes") {
    return handleValues(context, form.values, minutesSchema, async (input) => {
      await recordMinutes(context.db, actor, meetingId.data, input);
      return json({ ok: true as const });
    });
  }
  if (form.intent === "attendance") {
    return handleValues(context, form.values, attendanceSchema, async (input) => {
      await markAttendance(context.db, actor, meetingId.data, input);
      return json({ ok: true as const });
    });
  }
  return failure(context, 400, form.values, {}, "v.invalid");
}

export default function MeetingPage() {
  const { group, meeting, me, agendaHtml, minutesHtml } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const minutesFailed = refusalOf(data, { intent: "minutes" });
  const { t, i18n } = useTranslation();
  const mine = meeting.attendance.find((a) => a.userId === me);
  return (
    <div className="stack">
      <GroupTabs groupId={group.id} name={group.name} />
      <div className="listing-layout">
        <article className="card stack-sm">
          <p>
            <Link to={`/groups/${group.id}/meetings`}>← {t("collab.meetings.title")}</Link>
          </p>
          <h2>{meeting.title}</h2>
          <p>
            {formatInZone(meeting.startsAt, meeting.timeZone, i18n.language)} – {formatInZone(meeting.endsAt, meeting.timeZone, i18n.language)} (
            {meeting.timeZone})
          </p>
          {meeting.onlineUrl ? (
            <p>
              <a href={meeting.onlineUrl} rel="noreferrer noopener" target="_blank">
                {t("collab.meetings.join")}
              </a>
            </p>
          ) : null}
          {meeting.place ? (
            <p>
              {t("collab.meetings.fPlace")}: {meeting.place}
            </p>
          ) : null}
          <p>
            <a href={`/groups/${group.id}/meetings/${meeting.id}.ics`} className="btn btn-ghost btn-sm">
              {t("collab.meetings.ics")}
            </a>
          </p>
          <h3>{t("collab.meetings.fAgenda")}</h3>
          <div className="markdown" dangerouslySetInnerHTML={{ __html: agendaHtml }} />
          <h3>{t("collab.meetings.minutes")}</h3>
          {minutesHtml ? (
            <div className="markdown" data-testid="minutes" dangerouslySetInnerHTML={{ __html: minutesHtml }} />
          ) : (
            <p className="muted">{t("collab.meetings.noMinutes")}</p>
          )}
          {meeting.draftRefs.length ? (
            <>
              <h3>{t("collab.meetings.drafts")}</h3>
              <ul>
                {meeting.draftRefs.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            </>
          ) : null}
          {meeting.decisions.length ? (
            <>
              <h3>{t("collab.meetings.decisions")}</h3>
              <ol>
                {meeting.decisions.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ol>
            </>
          ) : null}
          <FormError data={minutesFailed ? undefined : data} />
          {meeting.writesMinutes ? (
            <CheckedForm schema={minutesSchema} answer={minutesFailed} className="stack-sm">
              {(shown) => (
                <>
                  <input type="hidden" name="intent" value="minutes" />
                  <TextArea name="minutes" label={t("collab.meetings.fMinutes")} data={shown} rows={6} defaultValue={meeting.minutes ?? ""} />
                  <TextArea name="draftRefs" label={t("collab.meetings.fDraftRefs")} data={shown} rows={2} defaultValue={meeting.draftRefs.join("\n")} />
                  <TextArea name="decisions" label={t("collab.meetings.fDecisions")} data={shown} rows={3} defaultValue={meeting.decisions.join("\n")} />
                  <button type="submit" className="btn btn-primary">
                    {t("collab.meetings.saveMinutes")}
                  </button>
                </>
              )}
            </CheckedForm>
          ) : null}
        </article>
        <aside className="card">
          <h2>{t("collab.meetings.attendance")}</h2>
          {meeting.isMember ? (
            <Form method="post" className="row">
              <input type="hidden" name="intent" value="attendance" />
              <button type="submit" name="attended" value={mine?.attended ? "no" : "yes"} className="btn btn-sm">
                {mine?.attended ? t("collab.meetings.unmarkMe") : t("collab.meetings.markMe")}
              </button>
            </Form>
          ) : null}
          <ul className="list" data-testid="attendance">
            {meeting.attendance.map((a) => (
              <li key={a.userId}>
                <span>
                  {a.name} <span className="muted small">{t(`standards.roles.${a.role}`)}</span>
                </span>
                {meeting.convenes ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="attendance" />
                    <input type="hidden" name="userId" value={a.userId} />
                    <button type="submit" name="attended" value={a.attended ? "no" : "yes"} className="btn btn-ghost btn-sm">
                      {a.attended ? t("collab.meetings.present") : a.attended === false ? t("collab.meetings.absent") : t("collab.meetings.unknown")}
                    </button>
                  </Form>
                ) : (
                  <span className="tag">
                    {a.attended ? t("collab.meetings.present") : a.attended === false ? t("collab.meetings.absent") : t("collab.meetings.unknown")}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </aside>
      </div>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
