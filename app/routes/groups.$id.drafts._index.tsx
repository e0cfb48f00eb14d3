import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { uuidParam } from "~/models/core/params";
import { StageBadge, day } from "~/components/drafts";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { FormError, TextArea, TextField, fieldError } from "~/components/forms";
import { GroupTabs } from "~/components/groups";
import { EmptyState } from "~/components/ui";
import { failure, formValues, guard, handleInput, requireActor, readFormData, routeUuid } from "~/lib/http.server";
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
  const id = uuidParam.safeParse(params.id);
  const form = await readFormData(context, request);
  if (!id.success || !form) return failure(context, 400, {}, {}, "v.invalid");
  const values = formValues(form);
  const input = {
    ...Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")),
    editorIds: form.getAll("editorIds").filter((v) => typeof v === "string"),
  };
  return handleInput(context, input, values, draftInputSchema, async (data) => {
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
          <FormError data={data} />
          <Form method="post" className="stack-sm" data-testid="create-draft">
            <TextField name="code" label={t("drafts.code")} hint={t("drafts.codeHint")} data={data} required maxLength={40} />
            <TextField name="title" label={t("drafts.titleZh")} data={data} required maxLength={200} />
            <TextField name="titleEn" label={t("drafts.titleEn")} data={data} maxLength={300} />
            <TextArea name="scope" label={t("drafts.scope")} data={data} required rows={3} maxLength={4000} />
            <fieldset className="dr-editors">
              <legend>{t("drafts.editors")}</legend>
              <small className="hint">{t("drafts.editorsHint")}</small>
              {editorChoices.map((e) => (
                <label key={e.id} className="row">
                  <input type="checkbox" name="editorIds" value={e.id} defaultChecked={e.id === myId} /> {e.name} · {t(`standards.roles.${e.role}`)}
                </label>
              ))}
              {fieldError(data, "editorIds") ? (
                <small className="field-error" role="alert">
                  {fieldError(data, "editorIds")}
                </small>
              ) : null}
            </fieldset>
            <TextArea name="body" label={t("drafts.initialText")} data={data} rows={6} />
            <button type="submit" className="btn btn-primary">
              {t("drafts.create")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
