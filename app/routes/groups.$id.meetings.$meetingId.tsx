import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { formatInZone } from "~/components/collab";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { ConformForm, ConformHidden, ConformTextArea } from "~/components/conform-fields";
import { GroupTabs } from "~/components/groups";
import { guard, requireActor, routeUuid } from "~/lib/http.server";
import { handleSubmission } from "~/lib/conform.server";
import { useSchemaForm, type FormReply } from "~/lib/conform";
import { meetingMoveSchema, minutesFormSchema } from "~/models/standards/collab-schema";
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
  const meetingId = routeUuid(params, "meetingId");
  return handleSubmission(context, request, meetingMoveSchema, async (input) => {
    if (input.intent === "minutes") await recordMinutes(context.db, actor, meetingId, input);
    else await markAttendance(context.db, actor, meetingId, input);
    return json<FormReply>({ status: "success", initialValue: null });
  });
}

export default function MeetingPage() {
  const { group, meeting, me, agendaHtml, minutesHtml } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  // A refused save shows on the minutes form; a refused attendance mark above it.
  const minutesReply = reply?.initialValue?.intent === "minutes" ? reply : undefined;
  const otherRefusal = reply?.status === "error" && !minutesReply ? reply.error?.[""]?.[0] : undefined;
  const { t, i18n } = useTranslation();
  const [form, fields] = useSchemaForm(minutesFormSchema, minutesReply, {
    id: "minutes",
    defaultValue: { minutes: meeting.minutes ?? "", draftRefs: meeting.draftRefs.join("\n"), decisions: meeting.decisions.join("\n") },
  });
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
          {otherRefusal ? (
            <div className="alert alert-error" role="alert">
              {otherRefusal}
            </div>
          ) : null}
          {meeting.writesMinutes ? (
            <ConformForm form={form} className="stack-sm">
              <ConformHidden field={fields.intent} value="minutes" />
              <ConformTextArea field={fields.minutes} label={t("collab.meetings.fMinutes")} rows={6} />
              <ConformTextArea field={fields.draftRefs} label={t("collab.meetings.fDraftRefs")} rows={2} />
              <ConformTextArea field={fields.decisions} label={t("collab.meetings.fDecisions")} rows={3} />
              <button type="submit" className="btn btn-primary">
                {t("collab.meetings.saveMinutes")}
              </button>
            </ConformForm>
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
