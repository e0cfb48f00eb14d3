import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { EmptyState, PageHeader } from "~/components/ui";
import { formatDateTime } from "~/lib/format";
import { guard, requireActor } from "~/lib/http.server";
import { listOutbox } from "~/models/accounts/mail.server";
import { requireSecretariat } from "~/models/core/permissions";
import { titled } from "~/lib/page-meta";

export const meta = titled("mail.outboxTitle", "mail.outboxIntro");

/** Only without SMTP: what the platform sent, with every link's token cut out by the model (listOutbox). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  if (context.mailer.mode === "smtp") throw json({ message: null }, { status: 404 });
  return guard(context, async () => {
    requireSecretariat(actor);
    return json({ mails: await listOutbox(context.db) });
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
            <pre className="mail-body">{m.text_body}</pre>
          </article>
        ))
      )}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
