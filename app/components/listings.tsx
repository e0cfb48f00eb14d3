import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { enumLabel, type EnumName } from "~/lib/enums";
import { formatList, formatYuan } from "~/lib/format";

export interface ReasonView {
  code: string;
  sectors?: string[];
  terms?: string[];
  modes?: string[];
  rights?: string[];
  regions?: string[];
  days?: number;
  /** The cross-border reason (issue 35): the supply's route to a demand abroad. */
  route?: string;
  needsAssessment?: boolean;
}

/** The reasons behind a match score, in the reader's language; both sides see the same list. */
export function MatchReasons({ reasons }: { reasons: ReasonView[] }) {
  const { t, i18n } = useTranslation();
  const labels = (name: EnumName, values: string[] = []) =>
    formatList(
      values.map((v) => enumLabel(t, name, v)),
      i18n.language,
    );
  return (
    <ul className="reasons" data-testid="reasons">
      {reasons.map((r) => (
        <li key={r.code} data-reason={r.code}>
          {r.code === "crossborder"
            ? t(r.needsAssessment ? "crossborder.reasonBlocked" : "crossborder.reason", { route: t(`crossborder.routes.${r.route}`) })
            : t(`listings.reasons.${r.code}`, {
                sectors: labels("sector", r.sectors),
                terms: formatList(r.terms ?? [], i18n.language),
                modes: labels("delivery", r.modes),
                rights: labels("rights", r.rights),
                regions: labels("region", r.regions),
                // As count, so English says "within a day" and "within 3 days".
                count: r.days,
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
      <span className="score-track">
        <span className="score-fill" style={{ width: `${pct}%` }} />
      </span>
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
        <span key={v} className="tag">
          {enumLabel(t, name, v)}
        </span>
      ))}
    </>
  );
}

export function ListingLink({ id, title }: { id: string; title: string }) {
  return <Link to={`/listings/${id}`}>{title}</Link>;
}

interface FactsOf {
  dataCategory: string;
  grade: string;
  sectors: string[];
  deliveryModes: string[];
  rights: string[];
  pricingModel: string;
  priceMin: number | null;
  priceMax: number | null;
  regions: string[];
  updateFrequency: string | null;
  timeCoverage: string | null;
  tags: string[];
}

/** A listing's structured fields, as the listing page and the review screen show them. */
export function ListingFacts({ listing }: { listing: FactsOf }) {
  const { t, i18n } = useTranslation();
  const price =
    listing.priceMin !== null || listing.priceMax !== null
      ? ` · ${formatYuan(listing.priceMin ?? 0, i18n.language)} – ${listing.priceMax !== null ? formatYuan(listing.priceMax, i18n.language) : "∞"}`
      : "";
  return (
    <>
      <dl className="facts">
        <dt>{t("listings.category")}</dt>
        <dd>{enumLabel(t, "dataCategory", listing.dataCategory)}</dd>
        <dt>{t("listings.grade")}</dt>
        <dd>{enumLabel(t, "grade", listing.grade)}</dd>
        <dt>{t("listings.sector")}</dt>
        <dd className="tags">
          <EnumTags name="sector" values={listing.sectors} />
        </dd>
        <dt>{t("listings.delivery")}</dt>
        <dd className="tags">
          <EnumTags name="delivery" values={listing.deliveryModes} />
        </dd>
        <dt>{t("listings.fRights")}</dt>
        <dd className="tags">
          <EnumTags name="rights" values={listing.rights} />
        </dd>
        <dt>{t("listings.pricing")}</dt>
        <dd>
          {enumLabel(t, "pricing", listing.pricingModel)}
          {price}
        </dd>
        <dt>{t("listings.region")}</dt>
        <dd className="tags">
          <EnumTags name="region" values={listing.regions} />
        </dd>
        {listing.updateFrequency ? (
          <>
            <dt>{t("listings.fFrequency")}</dt>
            <dd>{enumLabel(t, "frequency", listing.updateFrequency)}</dd>
          </>
        ) : null}
        {listing.timeCoverage ? (
          <>
            <dt>{t("listings.fCoverage")}</dt>
            <dd>{listing.timeCoverage}</dd>
          </>
        ) : null}
      </dl>
      {listing.tags.length ? (
        <div className="tags">
          {listing.tags.map((tag) => (
            <span key={tag} className="tag">
              #{tag}
            </span>
          ))}
        </div>
      ) : null}
    </>
  );
}

interface Compliance {
  personalInfo: boolean;
  legalBasis?: string | null;
  importantData: boolean;
  crossBorder: boolean;
  declaration?: string | null;
}

/** The compliance answers and the poster's declaration, word for word. */
export function ComplianceFacts({ compliance }: { compliance: Compliance }) {
  const { t } = useTranslation();
  const yesNo = (b: boolean) => (b ? t("listings.yes") : t("listings.no"));
  return (
    <>
      <dl className="facts">
        <dt>{t("listings.fPersonal")}</dt>
        <dd>{yesNo(compliance.personalInfo)}</dd>
        {compliance.legalBasis ? (
          <>
            <dt>{t("listings.fLegalBasis")}</dt>
            <dd>{compliance.legalBasis}</dd>
          </>
        ) : null}
        <dt>{t("listings.fImportant")}</dt>
        <dd>{yesNo(compliance.importantData)}</dd>
        <dt>{t("listings.fCrossBorder")}</dt>
        <dd>{yesNo(compliance.crossBorder)}</dd>
      </dl>
      {compliance.declaration ? (
        <blockquote className="small declaration" data-testid="declaration">
          {compliance.declaration}
        </blockquote>
      ) : null}
    </>
  );
}

/** Who to contact about a listing, or why it is hidden from this reader. */
export function ContactLine({ contact }: { contact: { name: string; email: string; phone: string | null } | null }) {
  const { t } = useTranslation();
  if (!contact) return <p className="muted">{t("listings.contactHidden")}</p>;
  return (
    <p data-testid="listing-contact">
      {contact.name} · <a href={`mailto:${contact.email}`}>{contact.email}</a>
      {contact.phone ? ` · ${contact.phone}` : ""}
    </p>
  );
}
