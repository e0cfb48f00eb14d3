import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { useLocalName } from "~/i18n/use-local-name";
import { formatDate } from "~/lib/format";

interface Rating {
  score: number;
  comment: string | null;
  commentHidden: boolean;
  fromId: string;
  fromName: string;
  fromNameEn: string | null;
  filingNumber: string;
  createdAt: string;
}

/**
 * Ratings an organisation received after filed deals (filings.server.ts orgRatings): average,
 * count, the latest with their filing numbers. Comments arrive only for readers the model allows.
 */
export function FilingRatings({ ratings }: { ratings: { average: number | null; count: number; recent: Rating[] } }) {
  const { t, i18n } = useTranslation();
  const localName = useLocalName();
  return (
    <section className="card stack-sm" aria-labelledby="filing-ratings-title" data-testid="filing-ratings">
      <h2 id="filing-ratings-title">{t("trust.ratingsTitle")}</h2>
      {ratings.count && ratings.average !== null ? (
        <>
          <p data-testid="ratings-summary">{t("trust.ratingsSummary", { average: ratings.average.toFixed(1), count: ratings.count })}</p>
          <ul className="list">
            {ratings.recent.map((r) => (
              <li key={`${r.filingNumber}-${r.fromId}`}>
                <span className="stack-sm">
                  <span>
                    <strong>{t("trust.ratingScore", { score: r.score })}</strong> ·{" "}
                    <Link to={`/orgs/${r.fromId}`}>{t("trust.ratingFrom", { org: localName(r.fromName, r.fromNameEn) })}</Link>
                  </span>
                  {r.comment ? <span>{r.comment}</span> : r.commentHidden ? <span className="muted small">{t("trust.commentHidden")}</span> : null}
                </span>
                <span className="muted small">
                  <Link to={`/filings/${r.filingNumber}`} className="mono">
                    {r.filingNumber}
                  </Link>{" "}
                  · {formatDate(r.createdAt, i18n.language)}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted">{t("trust.ratingsNone")}</p>
      )}
    </section>
  );
}
