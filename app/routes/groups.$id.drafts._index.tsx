import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { uuidParam } from "~/models/core/params";
import { StageBadge, day } from "~/components/drafts";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { InlineFieldError, TextArea, TextField } from "~/components/forms";
import { CheckedForm } from "~/components/checked-form";
import { GroupTabs } from "~/components/groups";
import { EmptyState } from "~/components/ui";
import { failure, formValues, guard, handleInput, requireActor, readFormData, routeUuid } from "~/lib/http.server";
import { draftFromForm, draftInputSchema } from "~/models/standards/draft-schema";
import { createDraft, listDrafts } from "~/models/standards/drafts.server";
import { titledBy } from "~/lib/page-meta";

export const meta = titledBy<{ group: { name: string } }>((d, t) => `${t("standards.tabs.drafts")} · ${d.group.name}`);

export async function loader({ params, context }: LoaderFunctionArgs) {
  const id = routeUuid(params, "id");
  return guard(context, async () => json(await listDrafts(context.db, context.actor, id)));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const id = uuidParam.safeParse(params.id);
  const form = await readFormData(context, request);
  if (!id.success || !form) return failure(context, 400, {}, {}, "v.invalid");
  return handleInput(context, draftFromForm(form), formValues(form), draftInputSchema, async (data) => {
    const draftId = await createDraft(context.db, actor, id.data, data);
    return redirect(`/groups/${id.data}/drafts/${draftId}`);
  });
}

export default function DraftsPage() {
  const { group, drafts, canCreate, editorChoices, myId } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="stack">
      <GroupTabs groupId={group.id} name={group.name} />
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
                {d.stage === "public_comment" && d.comment_closes_at ? ` · ${t("drafts.commentUntil", { date: day(d.comment_closes_at) })}` : ""}
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
          <CheckedForm schema={draftInputSchema} toInput={draftFromForm} answer={data} className="stack-sm" data-testid="create-draft">
            {(shown) => (
              <>
                <TextField name="code" label={t("drafts.code")} hint={t("drafts.codeHint")} data={shown} required maxLength={40} />
                <TextField name="title" label={t("drafts.titleZh")} data={shown} required maxLength={200} />
                <TextField name="titleEn" label={t("drafts.titleEn")} data={shown} maxLength={300} />
                <TextArea name="scope" label={t("drafts.scope")} data={shown} required rows={3} maxLength={4000} />
                <fieldset className="dr-editors" aria-describedby="e-editorIds">
                  <legend>{t("drafts.editors")}</legend>
                  <small className="hint">{t("drafts.editorsHint")}</small>
                  {editorChoices.map((e) => (
                    <label key={e.id} className="row">
                      <input type="checkbox" name="editorIds" value={e.id} defaultChecked={e.id === myId} /> {e.name} · {t(`standards.roles.${e.role}`)}
                    </label>
                  ))}
                  <InlineFieldError data={shown} name="editorIds" id="e-editorIds" />
                </fieldset>
                <TextArea name="body" label={t("drafts.initialText")} data={shown} rows={6} />
                <button type="submit" className="btn btn-primary">
                  {t("drafts.create")}
                </button>
              </>
            )}
          </CheckedForm>
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
