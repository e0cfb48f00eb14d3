import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { useLocalName } from "~/i18n/use-local-name";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { FormError } from "~/components/forms";
import { EmptyState, PageHeader } from "~/components/ui";
import { formatDate } from "~/lib/format";
import { failure, guard, handleValues, readIntent, requireActor } from "~/lib/http.server";
import { titled } from "~/lib/page-meta";
import { uuidParam } from "~/models/core/params";
import { participantAnswerSchema } from "~/models/scenarios/scenario-schema";
import { answerInvitation, myParticipantInvitations } from "~/models/scenarios/consent.server";

export const meta = titled("consent.invitationsTitle", "consent.invitationsIntro");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  return guard(context, async () => json(await myParticipantInvitations(context.db, actor)));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const form = await readIntent(context, request);
  const id = uuidParam.safeParse(form?.values.scenarioId);
  if (!form || form.intent !== "answer" || !id.success) return failure(context, 400, form?.values ?? {}, {}, "v.invalid");
  return handleValues(context, form.values, participantAnswerSchema, async (data) => {
    await answerInvitation(context.db, actor, id.data, data.answer, context.realtime);
    return redirect("/scenarios/invitations");
  });
}

export default function ScenarioInvitations() {
  const { invitations, canAnswer } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const localName = useLocalName();
  return (
    <div className="stack">
      <PageHeader title={t("consent.invitationsTitle")} intro={t("consent.invitationsIntro")} />
      <FormError data={data} />
      {!canAnswer && invitations.length ? <p className="alert">{t("consent.invitedManagersOnly")}</p> : null}
      {invitations.length ? (
        <ul className="list card" data-testid="invitations">
          {invitations.map((inv) => (
            <li key={inv.scenarioId} className="row-between">
              <span>
                <Link to={`/scenarios/${inv.scenarioId}`}>{localName(inv.title, inv.titleEn)}</Link>
                <span className="muted small">
                  {" "}
                  · {localName(inv.orgName, inv.orgNameEn)} · {formatDate(inv.invitedAt, i18n.language)}
                </span>
              </span>
              {canAnswer ? (
                <Form method="post" className="row">
                  <input type="hidden" name="intent" value="answer" />
                  <input type="hidden" name="scenarioId" value={inv.scenarioId} />
                  <button type="submit" name="answer" value="confirm" className="btn btn-primary">
                    {t("consent.confirm")}
                  </button>
                  <button type="submit" name="answer" value="decline" className="btn btn-ghost">
                    {t("consent.decline")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>{t("consent.noInvitations")}</EmptyState>
      )}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
