import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { uuidParam } from "~/models/core/params";
import { formatInZone } from "~/components/collab";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { FormError, TextArea, TextField } from "~/components/forms";
import { GroupTabs } from "~/components/groups";
import { EmptyState } from "~/components/ui";
import { failure, guard, handleValues, readIntent, requireActor, routeUuid } from "~/lib/http.server";
import { DEFAULT_TIME_ZONE, meetingSchema } from "~/models/standards/collab-schema";
import { getGroupHeader } from "~/models/standards/groups.server";
import { createMeeting, listMeetings } from "~/models/standards/meetings.server";
import { titledBy } from "~/lib/page-meta";
import { useClientCheck } from "~/lib/client-check";

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
  const id = uuidParam.safeParse(params.id);
  const form = await readIntent(context, request);
  if (!id.success || !form || form.intent !== "create") return failure(context, 400, form?.values ?? {}, {}, "v.invalid");
  return handleValues(context, form.values, meetingSchema, async (input) => {
    const meetingId = await createMeeting(context.db, actor, id.data, input, context.realtime);
    return redirect(`/groups/${id.data}/meetings/${meetingId}`);
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
  const check = useClientCheck(meetingSchema);
  const data = check.shown(useActionData<typeof action>());
  const { t } = useTranslation();
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
          <FormError data={data} />
          <Form method="post" className="stack-sm" noValidate onSubmit={check.onSubmit}>
            <input type="hidden" name="intent" value="create" />
            <TextField name="title" label={t("collab.meetings.fTitle")} data={data} required maxLength={200} />
            <TextArea name="agenda" label={t("collab.meetings.fAgenda")} data={data} rows={5} />
            <div className="co-row">
              <TextField name="startsAt" type="datetime-local" label={t("collab.meetings.fStartsAt")} data={data} required />
              <TextField name="endsAt" type="datetime-local" label={t("collab.meetings.fEndsAt")} data={data} required />
              <TextField name="timeZone" label={t("collab.fTimeZone")} data={data} defaultValue={DEFAULT_TIME_ZONE} />
            </div>
            <TextField name="onlineUrl" type="url" label={t("collab.meetings.fOnlineUrl")} hint={t("collab.meetings.fWhereHint")} data={data} />
            <TextField name="place" label={t("collab.meetings.fPlace")} data={data} maxLength={300} />
            <button type="submit" className="btn btn-primary">
              {t("collab.meetings.submit")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
