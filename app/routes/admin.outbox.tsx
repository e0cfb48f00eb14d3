import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { EmptyState, PageHeader } from "~/components/ui";
import { formatDateTime } from "~/lib/format";
import { guard, handleForm, requireActor } from "~/lib/http.server";
import { listOutbox, resendMail } from "~/models/accounts/mail.server";
import { notFound } from "~/models/core/errors";
import { requireSecretariat } from "~/models/core/permissions";
import { titled } from "~/lib/page-meta";

export const meta = titled("mail.outboxTitle", "mail.outboxIntro");

/**
 * Without SMTP: what the platform sent, with every link's token cut out by the model (listOutbox).
 * With SMTP: only the mails given up on after their last attempt, each with a resend.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  return guard(context, async () => {
    requireSecretariat(actor);
    return json({ mails: await listOutbox(context.db, { failedOnly: context.mailer.mode === "smtp" }) });
  });
}

const resendSchema = z.object({ id: z.string().regex(/^\d{1,18}$/, "v.invalid") });

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  return handleForm(context, request, resendSchema, async ({ id }) => {
    if (!(await resendMail(context.db, actor, id))) throw notFound();
    void context.mailer.flush();
    return json({ ok: true });
  });
}

export default function Outbox() {
  const { mails } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <div className="stack">
      <PageHeader title={t("mail.outboxTitle")} intro={t("mail.outboxIntro")} />
      {mails.length === 0 ? (
        <EmptyState>{t("mail.outboxEmpty")}</EmptyState>
      ) : (
        mails.map((m) => (
          <article key={m.id} className="card" data-testid="outbox-mail">
            <p className="muted small">
              {m.to_email} · {formatDateTime(m.created_at, i18n.language)}
            </p>
            <h2 className="h3">{m.subject}</h2>
            {m.failed_at ? (
              <div className="alert alert-error" data-testid="outbox-failed">
                <p>{t("mail.outboxFailed", { attempts: m.attempts, error: m.last_error ?? "" })}</p>
                <Form method="post">
                  <input type="hidden" name="id" value={m.id} />
                  <button type="submit" className="btn btn-ghost">
                    {t("mail.outboxResend")}
                  </button>
                </Form>
              </div>
            ) : null}
            <pre className="mail-body">{m.text_body}</pre>
          </article>
        ))
      )}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
