import type { LoaderFunctionArgs, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { DisputeStatus } from "~/components/disputes";
import { EmptyState, PageHeader } from "~/components/ui";
import { formatDate } from "~/lib/format";
import { guard, requireActor } from "~/lib/http.server";
import { titled } from "~/lib/page-meta";
import { listDisputes } from "~/models/trust/disputes.server";

export const meta = titled("disputes.title", "disputes.intro");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  return guard(context, async () => json(await listDisputes(context.db, actor)));
}

type Row = SerializeFrom<typeof loader>["items"][number];

function DisputeItem({ d }: { d: Row }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="card stack-sm" data-testid="dispute-item">
      <div className="row-between">
        <Link to={`/disputes/${d.id}`}>
          <strong>{d.title}</strong>
        </Link>
        <DisputeStatus status={d.status} />
      </div>
      <p className="muted small">
        {t("disputes.claimant")}: {d.claimant_name} · {t("disputes.respondent")}: {d.respondent_name} · {t("disputes.mediator")}:{" "}
        {d.mediator === "secretariat" ? t("disputes.secretariat") : (d.mediator_name ?? t("disputes.noMediator"))}
      </p>
      <p className="muted small">
        {d.role ? `${t("disputes.yourRole", { role: t(`disputes.roles.${d.role}`) })} · ` : ""}
        {t("disputes.openedAt")} {formatDate(d.created_at, i18n.language)}
        {d.status === "open" ? ` · ${t("disputes.answerDue")} ${formatDate(d.answer_due_at, i18n.language)}` : ""}
        {d.overdue ? ` · ${t("disputes.overdue")}` : ""}
      </p>
    </li>
  );
}

export default function Disputes() {
  const { staff, items } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const awaiting = items.filter((d) => d.awaitingMediator);
  return (
    <div className="stack">
      <PageHeader title={t("disputes.title")} intro={t("disputes.intro")} />
      {staff ? (
        <section className="stack-sm" aria-labelledby="awaiting">
          <h2 id="awaiting">{t("disputes.awaiting")}</h2>
          {awaiting.length ? (
            <ul className="list-cards" data-testid="awaiting-mediator">
              {awaiting.map((d) => (
                <DisputeItem key={d.id} d={d} />
              ))}
            </ul>
          ) : (
            <EmptyState>{t("disputes.awaitingEmpty")}</EmptyState>
          )}
        </section>
      ) : null}
      <section className="stack-sm" aria-labelledby="all-disputes">
        <h2 id="all-disputes">{t(staff ? "disputes.all" : "disputes.mine")}</h2>
        {items.length ? (
          <ul className="list-cards" data-testid="disputes">
            {items.map((d) => (
              <DisputeItem key={d.id} d={d} />
            ))}
          </ul>
        ) : (
          <EmptyState>{t("disputes.empty")}</EmptyState>
        )}
      </section>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
