import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { StageBadge } from "~/components/drafts";
import { formatDate } from "~/lib/format";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { ErrorText } from "~/components/forms";
import { ConformForm, ConformInput, ConformTextArea } from "~/components/conform-fields";
import { GroupTabs } from "~/components/groups";
import { EmptyState } from "~/components/ui";
import { guard, requireActor, routeUuid } from "~/lib/http.server";
import { handleSubmission } from "~/lib/conform.server";
import { useSchemaForm } from "~/lib/conform";
import { draftInputSchema } from "~/models/standards/draft-schema";
import { createDraft, listDrafts } from "~/models/standards/drafts.server";
import { titledBy } from "~/lib/page-meta";

export const meta = titledBy<{ group: { name: string } }>((d, t) => `${t("standards.tabs.drafts")} · ${d.group.name}`);

export async function loader({ params, context }: LoaderFunctionArgs) {
  const id = routeUuid(params, "id");
  return guard(context, async () => json(await listDrafts(context.db, context.actor, id)));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const id = routeUuid(params, "id");
  return handleSubmission(context, request, draftInputSchema, async (data) => {
    const draftId = await createDraft(context.db, actor, id, data);
    return redirect(`/groups/${id}/drafts/${draftId}`);
  });
}

export default function DraftsPage() {
  const { group, drafts, canCreate, editorChoices, myId } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const [form, fields] = useSchemaForm(draftInputSchema, lastResult, { id: "create-draft" });
  // A refused editor is named at its index (editorIds[0]); the fieldset shows the first such message.
  const editorError = Object.values(fields.editorIds.allErrors).flat()[0];
  return (
    <div className="stack">
      <GroupTabs groupId={group.id} name={group.name} rooms={group.rooms} />
      <p className="muted">{t("drafts.intro")}</p>
      {drafts.length ? (
        <ul className="list-cards" data-testid="drafts">
          {drafts.map((d) => (
            <li key={d.id} className="card dr-card">
              <div className="row-between">
                <Link to={`/groups/${group.id}/drafts/${d.id}`}>
                  <strong>{d.code}</strong> {d.title}
                </Link>
                <StageBadge stage={d.stage} />
              </div>
              {d.title_en ? <p className="muted small">{d.title_en}</p> : null}
              <p className="muted small">
                {t("drafts.versions")} {d.versions} · {t("drafts.comments")} {d.comments}
                {d.stage === "public_comment" && d.comment_closes_at
                  ? ` · ${t("drafts.commentUntil", { date: formatDate(d.comment_closes_at, i18n.language) })}`
                  : ""}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>{t("drafts.empty")}</EmptyState>
      )}
      {canCreate ? (
        <section className="card">
          <h2>{t("drafts.create")}</h2>
          <div data-testid="create-draft">
            <ConformForm form={form} className="stack-sm">
              <ConformInput field={fields.code} label={t("drafts.code")} hint={t("drafts.codeHint")} maxLength={40} />
              <ConformInput field={fields.title} label={t("drafts.titleZh")} maxLength={200} />
              <ConformInput field={fields.titleEn} label={t("drafts.titleEn")} maxLength={300} />
              <ConformTextArea field={fields.scope} label={t("drafts.scope")} rows={3} maxLength={4000} />
              <fieldset className="dr-editors" aria-describedby={fields.editorIds.errorId}>
                <legend>{t("drafts.editors")}</legend>
                <small className="hint">{t("drafts.editorsHint")}</small>
                {editorChoices.map((e) => (
                  <label key={e.id} className="row">
                    <input type="checkbox" name={fields.editorIds.name} value={e.id} defaultChecked={e.id === myId} /> {e.name} ·{" "}
                    {t(`standards.roles.${e.role}`)}
                  </label>
                ))}
                <ErrorText id={fields.editorIds.errorId} error={editorError} />
              </fieldset>
              <ConformTextArea field={fields.body} label={t("drafts.initialText")} rows={6} />
              <button type="submit" className="btn btn-primary">
                {t("drafts.create")}
              </button>
            </ConformForm>
          </div>
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
