import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { useLocalName } from "~/i18n/use-local-name";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { PrintButton } from "~/components/PrintButton";
import { PageHeader } from "~/components/ui";
import { enumLabel } from "~/lib/enums";
import { formatDate, formatYuan } from "~/lib/format";
import { guard } from "~/lib/http.server";
import { titled } from "~/lib/page-meta";
import { filingNumberParam } from "~/models/trust/filing-schema";
import { getFilingCertificate } from "~/models/trust/filings.server";

export const meta = titled("trust.certificateTitle");

/** Anyone holding the number opens the certificate, signed in or not; the model decides what the terms show. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const number = filingNumberParam.safeParse(params.number);
  if (!number.success) throw json({ message: null }, { status: 404 });
  return guard(context, async () => json({ filing: await getFilingCertificate(context.db, context.actor, number.data) }));
}

export default function FilingCertificate() {
  const { filing: f } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const localName = useLocalName();
  return (
    <div className="stack">
      <PageHeader title={t("trust.certificateTitle")} actions={<PrintButton label={t("trust.print")} />} />
      <section className="card certificate" data-testid="certificate">
        <dl className="facts">
          <dt>{t("trust.number")}</dt>
          <dd className="mono" data-testid="filing-number">
            {f.number}
          </dd>
          <dt>{t("trust.supplySide")}</dt>
          <dd>
            <Link to={`/orgs/${f.supply.id}`}>{localName(f.supply.name, f.supply.nameEn)}</Link>
          </dd>
          <dt>{t("trust.demandSide")}</dt>
          <dd>
            <Link to={`/orgs/${f.demand.id}`}>{localName(f.demand.name, f.demand.nameEn)}</Link>
          </dd>
          <dt>{t("trust.agreedAt")}</dt>
          <dd>{formatDate(f.agreedAt, i18n.language)}</dd>
          <dt>{t("trust.filedAt2")}</dt>
          <dd>{formatDate(f.filedAt, i18n.language)}</dd>
          {f.terms ? (
            <>
              <dt>{t("trust.deal")}</dt>
              <dd>
                <Link to={`/matches/${f.terms.matchId}`}>
                  {f.terms.supplyTitle} ⇄ {f.terms.demandTitle}
                </Link>
              </dd>
              <dt>{t("trust.amount")}</dt>
              <dd data-testid="filing-amount">{formatYuan(f.terms.amount, i18n.language)}</dd>
              <dt>{t("trust.termMonths")}</dt>
              <dd>{t("trust.months", { n: f.terms.termMonths })}</dd>
              <dt>{t("trust.deliveryMode")}</dt>
              <dd>{enumLabel(t, "delivery", f.terms.deliveryMode)}</dd>
              {f.terms.pricingTerms ? (
                <>
                  <dt>{t("trust.pricingTerms")}</dt>
                  <dd>{f.terms.pricingTerms}</dd>
                </>
              ) : null}
            </>
          ) : null}
        </dl>
        {f.terms ? null : <p className="muted small">{t("trust.termsHidden")}</p>}
      </section>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
