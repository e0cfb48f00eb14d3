import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { enumLabel, type EnumName } from "~/lib/enums";

export interface ReasonView {
  code: string;
  sectors?: string[];
  terms?: string[];
  modes?: string[];
  rights?: string[];
  regions?: string[];
  days?: number;
}

/** The reasons behind a match score, in the reader's language; both sides see the same list. */
export function MatchReasons({ reasons }: { reasons: ReasonView[] }) {
  const { t } = useTranslation();
  const labels = (name: EnumName, values: string[] = []) => values.map((v) => enumLabel(t, name, v)).join("、");
  return (
    <ul className="reasons" data-testid="reasons">
      {reasons.map((r) => (
        <li key={r.code}>
          {t(`listings.reasons.${r.code}`, {
            sectors: labels("sector", r.sectors),
            terms: (r.terms ?? []).join("、"),
            modes: labels("delivery", r.modes),
            rights: labels("rights", r.rights),
            regions: labels("region", r.regions),
            days: r.days,
          })}
        </li>
      ))}
    </ul>
  );
}

export function ScoreBar({ score }: { score: number }) {
  const { t } = useTranslation();
  const pct = Math.round(score * 100);
  return (
    <span className="score" title={t("listings.matchScore", { score: pct })}>
      <span className="score-track"><span className="score-fill" style={{ width: `${pct}%` }} /></span>
      <span className="score-value">{t("listings.matchScore", { score: pct })}</span>
    </span>
  );
}

export function KindBadge({ kind }: { kind: string }) {
  const { t } = useTranslation();
  return <span className={`kind kind-${kind}`}>{enumLabel(t, "kind", kind)}</span>;
}

export function EnumTags({ name, values }: { name: EnumName; values: string[] }) {
  const { t } = useTranslation();
  return (
    <>
      {values.map((v) => (
        <span key={v} className="tag">{enumLabel(t, name, v)}</span>
      ))}
    </>
  );
}

export function ListingLink({ id, title }: { id: string; title: string }) {
  return <Link to={`/listings/${id}`}>{title}</Link>;
}
