import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { formatDate } from "~/lib/format";
import { ANSWER_DAYS, CREDIT_WEIGHTS, DEAL_HALF_LIFE_DAYS, MIN_OBSERVED, NEUTRAL, RATINGS_COUNTED, type CreditFact } from "~/models/trust/credit";

/** The credit score as the directory shows it: a number out of 100, or "not enough observed facts". */
export function CreditBadge({ score }: { score: number | null | undefined }) {
  const { t } = useTranslation();
  const known = typeof score === "number";
  return (
    <span className={known ? "tag credit-score" : "tag muted"} data-testid="credit-badge" title={t("credit.score")}>
      {`${t("credit.column")} ${known ? t("credit.outOf", { score }) : t("credit.notEnough")}`}
    </span>
  );
}

type Dateish = string | Date;
interface Entry {
  fact: CreditFact;
  count: number;
  average: number | null;
  lastAt: Dateish | null;
  points: number;
  evidence: { at: Dateish; href: string | null; label: string | null }[];
}

const signed = (n: number) => (n > 0 ? `+${n}` : `${n}`);

/**
 * The credit record on a profile: the score (or why there is none), every observed fact with its
 * source, date, latest items and points, the formula with its weights, and the way to appeal
 * (the report and dispute path: a report about the organisation, or for the organisation itself the
 * decisions about it, each of which it may appeal).
 */
export function CreditRecord({ record, orgId, own }: { record: { entries: Entry[]; score: number | null; observed: number }; orgId: string; own: boolean }) {
  const { t, i18n } = useTranslation();
  const date = (d: Dateish) => formatDate(d, i18n.language);
  return (
    <section className="card stack-sm" aria-labelledby="credit-record" data-testid="credit-record">
      <div className="row-between">
        <h2 id="credit-record">{t("credit.title")}</h2>
        <span className="status status-approved" data-testid="credit-verified">
          ✓ {t("credit.verified")}
        </span>
      </div>
      <p className="muted small">{t("credit.intro")}</p>
      <p data-testid="credit-score">
        {record.score === null ? (
          <>
            <strong>{t("credit.notEnough")}</strong>
            <br />
            <span className="muted small">{t("credit.notEnoughHint", { min: MIN_OBSERVED })}</span>
          </>
        ) : (
          <>
            {`${t("credit.score")} `}
            <strong className="credit-big">{t("credit.outOf", { score: record.score })}</strong>
            <br />
            <span className="muted small">{t("credit.observed", { count: record.observed })}</span>
          </>
        )}
      </p>
      <dl className="facts">
        {record.entries.map((r) => (
          <div key={r.fact} className="credit-fact">
            <dt>{t(`credit.facts.${r.fact}`)}</dt>
            <dd data-testid={`credit-${r.fact}`}>
              <strong>
                {r.fact === "ratings" && r.average !== null ? t("credit.average", { average: r.average, count: r.count }) : r.count || t("credit.none")}
              </strong>
              {r.points ? <span className="muted small"> ({t("credit.points", { points: signed(r.points) })})</span> : null}
              <br />
              <span className="muted small">
                {`${t("credit.source")}: ${t(`credit.sources.${r.fact}`)}${r.lastAt ? ` · ${t("credit.last", { date: date(r.lastAt) })}` : ""}`}
              </span>
              {r.evidence.length ? (
                <ul className="small credit-evidence">
                  {r.evidence.map((e, i) => (
                    <li key={i}>
                      {date(e.at)}
                      {e.label ? " · " : ""}
                      {e.href && e.label ? <Link to={e.href}>{e.label}</Link> : e.label}
                    </li>
                  ))}
                </ul>
              ) : null}
            </dd>
          </div>
        ))}
      </dl>
      <details data-testid="credit-how">
        <summary>{t("credit.howTitle")}</summary>
        <p className="small">
          {t("credit.howIntro", { neutral: NEUTRAL, halfLife: DEAL_HALF_LIFE_DAYS, ratings: RATINGS_COUNTED, days: ANSWER_DAYS, min: MIN_OBSERVED })}
        </p>
        <div className="table-wrap">
          <table className="table small">
            <thead>
              <tr>
                <th scope="col">{t("credit.fact")}</th>
                <th scope="col">{t("credit.pointsEach")}</th>
                <th scope="col">{t("credit.cap")}</th>
                <th scope="col">{t("credit.thisOrg")}</th>
              </tr>
            </thead>
            <tbody>
              {record.entries.map((r) => (
                <tr key={r.fact}>
                  <th scope="row">{t(`credit.facts.${r.fact}`)}</th>
                  <td>{signed(CREDIT_WEIGHTS[r.fact].points)}</td>
                  <td>{CREDIT_WEIGHTS[r.fact].cap > 0 && r.fact === "ratings" ? `±${CREDIT_WEIGHTS[r.fact].cap}` : signed(CREDIT_WEIGHTS[r.fact].cap)}</td>
                  <td>{signed(r.points)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <p className="small">
        {t("credit.appeal")} {/* The organisation itself appeals the decisions about it where it reads them; others report the record. */}
        <Link to={own ? "/reports" : `/reports/new?type=organisation&id=${encodeURIComponent(orgId)}`} data-testid="credit-appeal">
          {t("credit.appealLink")}
        </Link>
      </p>
    </section>
  );
}
