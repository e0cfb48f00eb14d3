import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { FormError, TextField } from "~/components/forms";
import { EmptyState, PageHeader, StatusBadge, ConfirmButton } from "~/components/ui";
import { formatDateTime } from "~/lib/format";
import { failure, guard, handleValues, readIntent, requireActor } from "~/lib/http.server";
import { createApiKey, listApiKeys, revokeApiKey } from "~/models/accounts/api-keys.server";
import { apiKeyNameSchema, idSchema } from "~/models/accounts/account-schema";
import { useClientCheck } from "~/lib/client-check";
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
  const form = await readIntent(context, request);
  if (!form) return failure(context, 400, {}, {}, "v.invalid");
  switch (form.intent) {
    case "create":
      return handleValues(context, form.values, apiKeyNameSchema, async ({ name }) => {
        const created = await createApiKey(context.db, actor, orgId, name);
        // The plaintext key travels in this one response only; nothing may cache it.
        return json({ ok: true as const, intent: "create" as const, created }, { headers: { "Cache-Control": "no-store" } });
      });
    case "revoke":
      return handleValues(context, form.values, idSchema, async ({ id }) => {
        await revokeApiKey(context.db, actor, orgId, id);
        return json({ ok: true as const, intent: "revoke" as const });
      });
    default:
      return failure(context, 400, form.values, {}, "v.invalid");
  }
}

export default function ApiKeysPage() {
  const { keys } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const check = useClientCheck(apiKeyNameSchema);
  const shown = check.shown(data);
  const { t, i18n } = useTranslation();
  const created = data && "created" in data ? data.created : null;
  const revoked = data && "intent" in data && data.intent === "revoke";
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
        <FormError data={shown} />
        <Form method="post" noValidate className="form-inline" onSubmit={check.onSubmit}>
          <TextField name="name" label={t("api.name")} hint={t("api.nameHint")} data={shown} maxLength={60} required />
          <button type="submit" name="intent" value="create" className="btn btn-primary">
            {t("api.create")}
          </button>
        </Form>
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
