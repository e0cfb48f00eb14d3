import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { PageHeader, ConfirmButton } from "~/components/ui";
import { formatDateTime } from "~/lib/format";
import { guard, handleForm, requireActor } from "~/lib/http.server";
import { listMySessions, revokeMySession } from "~/models/accounts/users.server";
import { titled } from "~/lib/page-meta";

export const meta = titled("sessions.title", "sessions.intro");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  return guard(context, async () => {
    const sessions = await listMySessions(context.db, actor);
    return json({ sessions: sessions.map((s) => ({ ...s, current: s.id === context.sessionId })) });
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  return handleForm(context, request, z.object({ sessionId: z.string().min(1).max(100) }), async ({ sessionId }) => {
    await revokeMySession(context.db, actor, sessionId);
    context.realtime.disconnect({ sessionId });
    return redirect(sessionId === context.sessionId ? "/login" : "/account/sessions");
  });
}

export default function Sessions() {
  const { sessions } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <div className="stack">
      <PageHeader title={t("sessions.title")} intro={t("sessions.intro")} />
      <div className="table-wrap card">
        <table data-testid="sessions">
          <thead>
            <tr>
              <th>{t("sessions.device")}</th>
              <th>{t("sessions.ip")}</th>
              <th>{t("sessions.created")}</th>
              <th>{t("sessions.expires")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id}>
                <td>
                  {s.user_agent?.slice(0, 80) || "—"} {s.current ? <span className="tag">{t("sessions.current")}</span> : null}
                </td>
                <td className="mono small">{s.ip ?? "—"}</td>
                <td className="nowrap">{formatDateTime(s.created_at, i18n.language)}</td>
                <td className="nowrap">{formatDateTime(s.expires_at, i18n.language)}</td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="sessionId" value={s.id} />
                    <ConfirmButton confirm={t("confirm.revokeSession")} className="btn btn-danger btn-sm">
                      {t("sessions.revoke")}
                    </ConfirmButton>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
