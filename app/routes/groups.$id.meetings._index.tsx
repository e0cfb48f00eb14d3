import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { formatInZone } from "~/components/collab";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { ConformForm, ConformInput, ConformTextArea } from "~/components/conform-fields";
import { GroupTabs } from "~/components/groups";
import { EmptyState } from "~/components/ui";
import { guard, requireActor, routeUuid } from "~/lib/http.server";
import { handleSubmission } from "~/lib/conform.server";
import { useSchemaForm } from "~/lib/conform";
import { DEFAULT_TIME_ZONE, meetingSchema } from "~/models/standards/collab-schema";
import { getGroupHeader } from "~/models/standards/groups.server";
import { createMeeting, listMeetings } from "~/models/standards/meetings.server";
import { titledBy } from "~/lib/page-meta";

export const meta = titledBy<{ group: { name: string } }>((d, t) => `${t("standards.tabs.meetings")} · ${d.group.name}`);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const id = routeUuid(params, "id");
  return guard(context, async () => {
    const meetings = await listMeetings(context.db, actor, id);
    const group = await getGroupHeader(context.db, actor, id);
    return json({ group, ...meetings });
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const id = routeUuid(params, "id");
  return handleSubmission(context, request, meetingSchema, async (input) => {
    const meetingId = await createMeeting(context.db, actor, id, input, context.realtime);
    return redirect(`/groups/${id}/meetings/${meetingId}`);
  });
}

type Item = { id: string; title: string; startsAt: string; timeZone: string; place: string | null; onlineUrl: string | null; minutes: string | null };

function MeetingList({ groupId, items, testId }: { groupId: string; items: Item[]; testId: string }) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="list" data-testid={testId}>
      {items.map((m) => (
        <li key={m.id}>
          <span>
            <Link to={`/groups/${groupId}/meetings/${m.id}`}>{m.title}</Link>
            <br />
            <span className="muted small">
              {formatInZone(m.startsAt, m.timeZone, i18n.language)} ({m.timeZone}) · {m.place ?? t("collab.meetings.online")}
            </span>
          </span>
          <a href={`/groups/${groupId}/meetings/${m.id}.ics`} className="small">
            {t("collab.meetings.ics")}
          </a>
        </li>
      ))}
    </ul>
  );
}

export default function MeetingsPage() {
  const { group, upcoming, past } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(meetingSchema, lastResult, { id: "create-meeting", defaultValue: { timeZone: DEFAULT_TIME_ZONE } });
  return (
    <div className="stack">
      <GroupTabs groupId={group.id} name={group.name} />
      <section className="card">
        <h2>{t("collab.meetings.upcoming")}</h2>
        {upcoming.length ? <MeetingList groupId={group.id} items={upcoming} testId="upcoming" /> : <EmptyState>{t("collab.meetings.noneUpcoming")}</EmptyState>}
        <h2>{t("collab.meetings.past")}</h2>
        {past.length ? <MeetingList groupId={group.id} items={past} testId="past" /> : <p className="muted">{t("collab.meetings.nonePast")}</p>}
      </section>
      {group.convenes ? (
        <section className="card">
          <h2>{t("collab.meetings.create")}</h2>
          <ConformForm form={form} className="stack-sm">
            <input type="hidden" name="intent" value="create" />
            <ConformInput field={fields.title} label={t("collab.meetings.fTitle")} maxLength={200} />
            <ConformTextArea field={fields.agenda} label={t("collab.meetings.fAgenda")} rows={5} />
            <div className="co-row">
              <ConformInput field={fields.startsAt} type="datetime-local" label={t("collab.meetings.fStartsAt")} />
              <ConformInput field={fields.endsAt} type="datetime-local" label={t("collab.meetings.fEndsAt")} />
              <ConformInput field={fields.timeZone} label={t("collab.fTimeZone")} />
            </div>
            <ConformInput field={fields.onlineUrl} type="url" label={t("collab.meetings.fOnlineUrl")} hint={t("collab.meetings.fWhereHint")} />
            <ConformInput field={fields.place} label={t("collab.meetings.fPlace")} maxLength={300} />
            <button type="submit" className="btn btn-primary">
              {t("collab.meetings.submit")}
            </button>
          </ConformForm>
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
