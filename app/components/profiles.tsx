import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { CreditBadge } from "~/components/credit";
import type { Translate } from "~/i18n";
import { EmptyState, Pager } from "~/components/ui";
import { enumLabel } from "~/lib/enums";
import { formatWan } from "~/lib/format";
import type { ProfileField, Visibility } from "~/models/directory/profile-schema";
import { useLocalName } from "~/i18n/use-local-name";

/** Shared pieces of the profile pages (directory cards, profile facts, meter, interest table). */

type Vocab = "serviceType" | "teamSize" | "revenueBand" | "fundingStage";
export function vocabLabel(t: Translate, vocab: Vocab, value: string): string {
  return t(`profiles.${vocab}.${value}`, { defaultValue: value });
}

export function fieldLabel(t: Translate, field: ProfileField | string): string {
  return t(`profiles.field.${field}`, { defaultValue: field });
}

/** A financing range kept in 万元, written as the reader counts money. */
export function amountRange(min: number | null | undefined, max: number | null | undefined, locale: string) {
  return { min: formatWan(min ?? 0, locale), max: max == null ? "∞" : formatWan(max, locale) };
}

export interface ProfileFieldsData {
  introduction?: string | null;
  businessScope?: string | null;
  products?: string[];
  sectors?: string[];
  dataAssets?: { id: string; title: string }[];
  dcmmLevel?: number | null;
  certifications?: string[];
  serviceTypes?: string[];
  teamSize?: string | null;
  revenueBand?: string | null;
  fundingStage?: string | null;
  financing?: { sought: boolean; min: number | null; max: number | null; use: string | null } | null;
  keyScenarios?: string[];
}

/** The fields a viewer received, and a note for each field withheld from them (never its value). */
export function ProfileFacts({ fields, restricted }: { fields: ProfileFieldsData; restricted: { field: string; visibility: Visibility }[] }) {
  const { t, i18n } = useTranslation();
  const dash = <span className="muted">—</span>;
  const list = (items?: string[]) =>
    items && items.length ? (
      <ul className="pf-list">
        {items.map((i) => (
          <li key={i}>{i}</li>
        ))}
      </ul>
    ) : (
      dash
    );
  const rows: { key: string; value: React.ReactNode }[] = [];
  if ("introduction" in fields) rows.push({ key: "introduction", value: fields.introduction ? <p className="prose pf-text">{fields.introduction}</p> : dash });
  if ("businessScope" in fields)
    rows.push({ key: "businessScope", value: fields.businessScope ? <p className="prose pf-text">{fields.businessScope}</p> : dash });
  if ("sectors" in fields)
    rows.push({
      key: "sectors",
      value: fields.sectors?.length ? (
        <span className="tags">
          {fields.sectors.map((s) => (
            <span key={s} className="tag">
              {enumLabel(t, "sector", s)}
            </span>
          ))}
        </span>
      ) : (
        dash
      ),
    });
  if ("products" in fields) rows.push({ key: "products", value: list(fields.products) });
  if ("serviceTypes" in fields)
    rows.push({
      key: "serviceTypes",
      value: fields.serviceTypes?.length ? (
        <span className="tags">
          {fields.serviceTypes.map((s) => (
            <span key={s} className="tag">
              {vocabLabel(t, "serviceType", s)}
            </span>
          ))}
        </span>
      ) : (
        dash
      ),
    });
  if ("dataAssets" in fields)
    rows.push({
      key: "dataAssets",
      value: fields.dataAssets?.length ? (
        <ul className="pf-list">
          {fields.dataAssets.map((a) => (
            <li key={a.id}>
              <Link to={`/listings/${a.id}`}>{a.title}</Link>
            </li>
          ))}
        </ul>
      ) : (
        <span className="muted">{t("profiles.noDataAssets")}</span>
      ),
    });
  if ("dcmmLevel" in fields)
    rows.push({ key: "dcmmLevel", value: fields.dcmmLevel ? <span data-testid="pf-dcmm">{t("profiles.dcmmValue", { level: fields.dcmmLevel })}</span> : dash });
  if ("certifications" in fields) rows.push({ key: "certifications", value: list(fields.certifications) });
  if ("teamSize" in fields) rows.push({ key: "teamSize", value: fields.teamSize ? vocabLabel(t, "teamSize", fields.teamSize) : dash });
  if ("revenueBand" in fields) rows.push({ key: "revenueBand", value: fields.revenueBand ? vocabLabel(t, "revenueBand", fields.revenueBand) : dash });
  if ("fundingStage" in fields) rows.push({ key: "fundingStage", value: fields.fundingStage ? vocabLabel(t, "fundingStage", fields.fundingStage) : dash });
  if ("financing" in fields)
    rows.push({
      key: "financing",
      value: !fields.financing ? (
        dash
      ) : fields.financing.sought ? (
        <span data-testid="pf-financing">
          {t("profiles.financingYes", amountRange(fields.financing.min, fields.financing.max, i18n.language))}
          {fields.financing.use ? (
            <>
              <br />
              {fields.financing.use}
            </>
          ) : null}
        </span>
      ) : (
        t("profiles.financingNo")
      ),
    });
  if ("keyScenarios" in fields) rows.push({ key: "keyScenarios", value: list(fields.keyScenarios) });
  return (
    <dl className="pf-facts" data-testid="profile-facts">
      {rows.map((r) => (
        <div key={r.key} className="pf-fact">
          <dt>{fieldLabel(t, r.key)}</dt>
          <dd>{r.value}</dd>
        </div>
      ))}
      {restricted.map((r) => (
        <div key={r.field} className="pf-fact pf-restricted">
          <dt>{fieldLabel(t, r.field)}</dt>
          <dd className="muted">🔒 {r.visibility === "investors" ? t("profiles.hidden.investors") : t("profiles.hidden.members")}</dd>
        </div>
      ))}
    </dl>
  );
}

export function CompletenessMeter({ percent, missing }: { percent: number; missing: string[] }) {
  const { t } = useTranslation();
  return (
    <section className="card pf-meter" aria-labelledby="pf-meter-title" data-testid="completeness">
      <h2 id="pf-meter-title">{t("profiles.meter", { percent })}</h2>
      <div className="pf-meter-track" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-label={t("profiles.meter", { percent })}>
        <span className="pf-meter-fill" style={{ width: `${percent}%` }} />
      </div>
      {missing.length ? (
        <p className="small">
          {t("profiles.missing")} <span data-testid="missing">{missing.map((m) => fieldLabel(t, m)).join("、")}</span>
        </p>
      ) : (
        <p className="small">{t("profiles.meterDone")}</p>
      )}
    </section>
  );
}

export function CompletenessBar({ percent }: { percent: number }) {
  const { t } = useTranslation();
  return (
    <span className="pf-mini" title={t("profiles.meter", { percent })}>
      <span className="pf-mini-track">
        <span className="pf-meter-fill" style={{ width: `${percent}%` }} />
      </span>
      <span className="small">{percent}%</span>
    </span>
  );
}

export function InterestTable({ weeks, watchingNow }: { weeks: { week: string; views: number; watchers: number }[]; watchingNow: number }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...weeks.map((w) => w.views));
  return (
    <section className="card" aria-labelledby="pf-interest">
      <h2 id="pf-interest">{t("profiles.interestTitle")}</h2>
      <p className="muted small">{t("profiles.interestIntro")}</p>
      <p data-testid="watching-now">{t("profiles.watchingNow", { count: watchingNow })}</p>
      <div className="table-wrap">
        <table className="pf-interest" data-testid="interest">
          <thead>
            <tr>
              <th>{t("profiles.week")}</th>
              <th>{t("profiles.views")}</th>
              <th>{t("profiles.watchers")}</th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((w) => (
              <tr key={w.week}>
                <td className="nowrap">{w.week}</td>
                <td>
                  <span className="pf-bar">
                    <span className="pf-bar-fill" style={{ width: `${(w.views / max) * 100}%` }} />
                  </span>{" "}
                  {w.views}
                </td>
                <td>{w.watchers}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export interface ProfileCardData {
  orgId: string;
  type: string;
  nameZh: string;
  nameEn: string | null;
  region: string;
  description: string;
  completeness: number;
  fields: ProfileFieldsData;
  /** The stored credit score (null: not enough observed facts). */
  credit?: number | null;
}

export function ProfileCard({ p }: { p: ProfileCardData }) {
  const { t } = useTranslation();
  const localName = useLocalName();
  const f = p.fields;
  return (
    <li className="card pf-card" data-testid="profile-card">
      <div className="row-between">
        <div>
          <Link to={`/enterprises/${p.orgId}`} className="listing-title">
            {localName(p.nameZh, p.nameEn)}
          </Link>
          {p.nameEn ? <p className="muted small pf-en">{p.nameEn}</p> : null}
        </div>
        <CompletenessBar percent={p.completeness} />
      </div>
      <p className="clamp">{f.introduction ?? p.description}</p>
      <div className="tags">
        <span className={`tag tag-${p.type}`}>{enumLabel(t, "orgType", p.type)}</span>
        <span className="tag">{enumLabel(t, "region", p.region)}</span>
        {f.dcmmLevel ? <span className="tag pf-dcmm">DCMM {f.dcmmLevel}</span> : null}
        {(f.sectors ?? []).slice(0, 3).map((s) => (
          <span key={s} className="tag">
            {enumLabel(t, "sector", s)}
          </span>
        ))}
        {(f.serviceTypes ?? []).slice(0, 4).map((s) => (
          <span key={s} className="tag">
            {vocabLabel(t, "serviceType", s)}
          </span>
        ))}
        {f.fundingStage ? <span className="tag">{vocabLabel(t, "fundingStage", f.fundingStage)}</span> : null}
        {f.financing?.sought ? <span className="tag pf-seeking">{t("profiles.field.financing")}</span> : null}
        {p.credit !== undefined ? <CreditBadge score={p.credit} /> : null}
      </div>
    </li>
  );
}

/** Apply, and reset back to `resetTo` once any filter is set: the end of a directory's filter form. */
/** A page of directory results: the count, the cards (or `empty`), and the pager. */
export function ProfileResults({
  profiles,
  total,
  page,
  pageSize,
  empty,
}: {
  profiles: ProfileCardData[];
  total: number;
  page: number;
  pageSize: number;
  empty: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <p className="muted" data-testid="pf-total">
        {t("profiles.total", { count: total })}
      </p>
      {profiles.length === 0 ? (
        <EmptyState>{empty}</EmptyState>
      ) : (
        <ul className="list-cards" data-testid="profiles">
          {profiles.map((p) => (
            <ProfileCard key={p.orgId} p={p} />
          ))}
        </ul>
      )}
      <Pager
        page={page}
        pages={Math.max(1, Math.ceil(total / pageSize))}
        prevLabel={t("profiles.prev")}
        nextLabel={t("profiles.next")}
        pageLabel={t("common.page", { page })}
      />
    </>
  );
}
