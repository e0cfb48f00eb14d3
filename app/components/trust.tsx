import { Fragment } from "react";
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { formatDate } from "~/lib/format";
import type { RecordFact, ReportTarget } from "~/models/trust/vocabulary";

/** The way to report a piece of content (shown where the trust model's reportCan allows it). */
export function ReportLink({ type, id }: { type: ReportTarget; id: string }) {
  const { t } = useTranslation();
  return (
    <p className="small report-link">
      <Link to={`/reports/new?type=${type}&id=${encodeURIComponent(id)}`} className="muted" data-testid="report-link">
        <span aria-hidden>⚑ </span>
        {t("trust.report")}
      </Link>
    </p>
  );
}

/** Facts the platform observed about an organisation, apart from its own profile, each with its source and date. */
export function PlatformRecord({ record }: { record: { fact: RecordFact; count: number; average: number | null; lastAt: string | Date | null }[] }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="card stack-sm" aria-labelledby="platform-record" data-testid="platform-record">
      <div className="row-between">
        <h2 id="platform-record">{t("trust.record.title")}</h2>
        <span className="status status-approved">✓ {t("trust.record.verified")}</span>
      </div>
      <p className="muted small">{t("trust.record.intro")}</p>
      <dl className="facts">
        {record.map((r) => (
          <Fragment key={r.fact}>
            <dt>{t(`trust.record.facts.${r.fact}`)}</dt>
            <dd data-testid={`record-${r.fact}`}>
              <strong>
                {r.fact === "ratings" && r.average !== null
                  ? t("trust.record.average", { average: r.average, count: r.count })
                  : r.count || t("trust.record.none")}
              </strong>
              <br />
              <span className="muted small">
                {t(`trust.record.sources.${r.fact}`)}
                {r.lastAt ? ` · ${t("trust.record.last", { date: formatDate(r.lastAt, i18n.language) })}` : ""}
              </span>
            </dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}
