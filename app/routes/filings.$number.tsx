import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { useLocalName } from "~/i18n/use-local-name";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { PrintButton } from "~/components/PrintButton";
import { PageHeader } from "~/components/ui";
import { enumLabel } from "~/lib/enums";
import { formatDate, formatDateTime, formatYuan } from "~/lib/format";
import { guard } from "~/lib/http.server";
import { titled } from "~/lib/page-meta";
import { FILING_STEPS, filingNumberParam, type FiledListing } from "~/models/trust/filing-schema";
import { getFilingCertificate } from "~/models/trust/filings.server";

export const meta = titled("trust.certificateTitle");

/** Anyone holding the number opens the certificate, signed in or not; the model decides what it shows beyond the number, date and status. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const number = filingNumberParam.safeParse(params.number);
  if (!number.success) throw json({ message: null }, { status: 404 });
  return guard(context, async () => json({ filing: await getFilingCertificate(context.db, context.actor, number.data) }));
}

function ListingAsAgreed({ side, l }: { side: string; l: FiledListing }) {
  const { t, i18n } = useTranslation();
  const yn = (v: boolean) => (v ? t("trust.yes") : t("trust.no"));
  return (
    <div className="stack-sm" data-testid={`filed-${l.kind}`}>
      <h3>
        {side} · <Link to={`/listings/${l.id}`}>{l.title}</Link> <span className="muted small">{t("trust.listingVersion", { version: l.version })}</span>
      </h3>
      <dl className="facts">
        <dt>{t("trust.pricingModel")}</dt>
        <dd>{enumLabel(t, "pricing", l.pricingModel)}</dd>
        {l.priceMin !== null || l.priceMax !== null ? (
          <>
            <dt>{t("trust.priceRange")}</dt>
            <dd>{[l.priceMin, l.priceMax].map((p) => (p === null ? "…" : formatYuan(p, i18n.language))).join(" – ")}</dd>
          </>
        ) : null}
        <dt>{t("trust.deliveryMode")}</dt>
        <dd>{l.deliveryModes.map((m) => enumLabel(t, "delivery", m)).join("、")}</dd>
        <dt>{t("trust.declarations")}</dt>
        <dd>
          {t("trust.personalInfo")} {yn(l.compliance.personalInfo)}；{t("trust.importantData")} {yn(l.compliance.importantData)}；{t("trust.crossBorder")}{" "}
          {yn(l.compliance.crossBorder)}
        </dd>
        {l.compliance.legalBasis ? (
          <>
            <dt>{t("trust.legalBasis")}</dt>
            <dd>{l.compliance.legalBasis}</dd>
          </>
        ) : null}
        {l.compliance.declaration ? (
          <>
            <dt>{t("trust.declarationText")}</dt>
            <dd>{l.compliance.declaration}</dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}

export default function FilingCertificate() {
  const { filing: f } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const localName = useLocalName();
  const d = f.details;
  return (
    <div className="stack certificate-page">
      <PageHeader
        title={t("trust.certificateTitle")}
        actions={
          <span className="row no-print">
            <PrintButton label={t("trust.print")} />
            <a className="btn btn-ghost" href={`/filings/${f.number}/pdf`} data-testid="filing-pdf">
              {t("trust.downloadPdf")}
            </a>
          </span>
        }
      />
      <section className="card certificate" data-testid="certificate">
        <dl className="facts">
          <dt>{t("trust.number")}</dt>
          <dd className="mono" data-testid="filing-number">
            {f.number}
          </dd>
          <dt>{t("trust.filedAt2")}</dt>
          <dd>{formatDate(f.filedAt, i18n.language)}</dd>
          <dt>{t("trust.filingStatus")}</dt>
          <dd>{t(`trust.filingStatuses.${f.status}`)}</dd>
          {d ? (
            <>
              <dt>{t("trust.agreedAt")}</dt>
              <dd>{formatDate(d.agreedAt, i18n.language)}</dd>
              <dt>{t("trust.supplySide")}</dt>
              <dd data-testid="filing-supply">
                <Link to={`/orgs/${d.supply.id}`}>{localName(d.supply.name, d.supply.nameEn)}</Link>
              </dd>
              <dt>{t("trust.demandSide")}</dt>
              <dd>
                <Link to={`/orgs/${d.demand.id}`}>{localName(d.demand.name, d.demand.nameEn)}</Link>
              </dd>
              <dt>{t("trust.deal")}</dt>
              <dd>
                <Link to={`/matches/${d.matchId}`}>
                  {d.supplyTitle} ⇄ {d.demandTitle}
                </Link>
              </dd>
              <dt>{t("trust.amount")}</dt>
              <dd data-testid="filing-amount">{formatYuan(d.amount, i18n.language)}</dd>
              <dt>{t("trust.termMonths")}</dt>
              <dd>{t("trust.months", { n: d.termMonths })}</dd>
              <dt>{t("trust.deliveryMode")}</dt>
              <dd>{enumLabel(t, "delivery", d.deliveryMode)}</dd>
              {d.pricingTerms ? (
                <>
                  <dt>{t("trust.pricingTerms")}</dt>
                  <dd>{d.pricingTerms}</dd>
                </>
              ) : null}
            </>
          ) : null}
        </dl>
        {d ? null : <p className="muted small">{t("trust.partiesOnly")}</p>}
      </section>
      {d?.record ? (
        <>
          <section className="card stack-sm certificate" data-testid="filing-record">
            <h2>{t("trust.listingsAgreed")}</h2>
            <ListingAsAgreed side={t("trust.supplySide")} l={d.record.supplyListing} />
            <ListingAsAgreed side={t("trust.demandSide")} l={d.record.demandListing} />
            {d.record.crossBorder ? (
              <p data-testid="filing-crossborder">
                {t("crossborder.route")}: {t(`crossborder.routes.${d.record.crossBorder.route}`)} · {t(`crossborder.filingSteps.${d.record.crossBorder.step}`)}
              </p>
            ) : null}
          </section>
          <section className="card certificate">
            <h2>{t("trust.steps")}</h2>
            <ol className="list" data-testid="filing-steps">
              {FILING_STEPS.map((step) => (
                <li key={step}>
                  <span>{t(`trust.stepNames.${step}`)}</span>
                  <span className="muted small">{d.record!.steps[step] ? formatDateTime(d.record!.steps[step]!, i18n.language) : t("trust.noTrace")}</span>
                </li>
              ))}
            </ol>
          </section>
        </>
      ) : d ? (
        <p className="muted small">{t("trust.recordMissing")}</p>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
