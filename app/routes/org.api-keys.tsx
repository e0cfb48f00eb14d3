import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { ConformForm, ConformInput } from "~/components/conform-fields";
import { EmptyState, PageHeader, StatusBadge, ConfirmButton } from "~/components/ui";
import { formatDateTime } from "~/lib/format";
import { guard, requireActor } from "~/lib/http.server";
import { handleSubmission } from "~/lib/conform.server";
import { useSchemaForm } from "~/lib/conform";
import { createApiKey, listApiKeys, revokeApiKey } from "~/models/accounts/api-keys.server";
import { apiKeyFormSchema, apiKeyMoveSchema } from "~/models/accounts/account-schema";
import { titled } from "~/lib/page-meta";

export const meta = titled("api.title", "api.intro");

/** /org/api-keys: the signed-in manager's own organisation; the model refuses everyone else. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  return guard(context, async () => {
    const keys = await listApiKeys(context.db, actor, actor.org?.id ?? "");
    return json({ keys });
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const orgId = actor.org?.id ?? "";
  return handleSubmission(context, request, apiKeyMoveSchema, async (input) => {
    if (input.intent === "revoke") {
      await revokeApiKey(context.db, actor, orgId, input.id);
      return json({ status: "success" as const, initialValue: null, intent: "revoke" as const });
    }
    const created = await createApiKey(context.db, actor, orgId, input.name);
    // The plaintext key travels in this one response only; nothing may cache it. The form is emptied.
    return json({ status: "success" as const, initialValue: null, intent: "create" as const, created }, { headers: { "Cache-Control": "no-store" } });
  });
}

export default function ApiKeysPage() {
  const { keys } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const created = data && "created" in data ? data.created : null;
  const revoked = data && "intent" in data && data.intent === "revoke";
  // A refused revocation shows above the form (it has no field of its own); a refused or made key on the form.
  const createReply = data && (created || data.initialValue?.intent !== "revoke") ? data : undefined;
  const [form, fields] = useSchemaForm(apiKeyFormSchema, createReply, { id: "create-key" });
  return (
    <div className="stack">
      <PageHeader title={t("api.title")} intro={t("api.intro")} />

      {created ? (
        <section className="card alert alert-ok" role="status" data-testid="new-key">
          <h2>
            {t("api.newKeyTitle")}: {created.name}
          </h2>
          <p>
            <code className="mono" data-testid="new-key-value">
              {created.key}
            </code>
          </p>
          <p>
            <strong>{t("api.newKeyNote")}</strong>
          </p>
          <p className="muted small">{t("api.usage")}</p>
        </section>
      ) : null}
      {revoked ? (
        <p className="alert alert-ok" role="status">
          {t("api.revokedDone")}
        </p>
      ) : null}

      <section className="card" aria-labelledby="create-key-title">
        <h2 id="create-key-title">{t("api.create")}</h2>
        {data?.status === "error" && !createReply ? (
          <div className="alert alert-error" role="alert">
            {data.error?.[""]?.[0]}
          </div>
        ) : null}
        <ConformForm form={form} className="form-inline">
          <ConformInput field={fields.name} id="f-name" label={t("api.name")} hint={t("api.nameHint")} maxLength={60} />
          <button type="submit" name="intent" value="create" className="btn btn-primary">
            {t("api.create")}
          </button>
        </ConformForm>
      </section>

      {keys.length === 0 ? (
        <EmptyState>{t("api.empty")}</EmptyState>
      ) : (
        <div className="table-wrap card">
          <table data-testid="api-keys">
            <thead>
              <tr>
                <th>{t("api.colName")}</th>
                <th>{t("api.colPrefix")}</th>
                <th>{t("api.colCreated")}</th>
                <th>{t("api.colLastUsed")}</th>
                <th>{t("api.colStatus")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k.id}>
                  <td>
                    {k.name}
                    {k.createdBy ? (
                      <>
                        <br />
                        <span className="muted small">{k.createdBy}</span>
                      </>
                    ) : null}
                  </td>
                  <td className="mono">{k.prefix}…</td>
                  <td className="nowrap">{formatDateTime(k.createdAt, i18n.language)}</td>
                  <td className="nowrap">{k.lastUsedAt ? formatDateTime(k.lastUsedAt, i18n.language) : t("api.never")}</td>
                  <td>
                    {k.revokedAt ? (
                      <StatusBadge status="rejected" label={`${t("api.revoked")} · ${formatDateTime(k.revokedAt, i18n.language)}`} />
                    ) : (
                      <StatusBadge status="approved" label={t("api.active")} />
                    )}
                  </td>
                  <td>
                    {k.revokedAt ? null : (
                      <Form method="post">
                        <input type="hidden" name="id" value={k.id} />
                        <ConfirmButton confirm={t("confirm.revokeKey")} name="intent" value="revoke" className="btn btn-danger btn-sm">
                          {t("api.revoke")}
                        </ConfirmButton>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
