import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { ORG_TYPES } from "~/models/core/enums";
import { landingFigures } from "~/models/accounts/organisations.server";
import { enumLabel } from "~/lib/enums";
import { SHELL_ONLY } from "~/i18n/catalog-parts";

/** Rendered from the shell part of the catalog (i18n/catalog-parts.ts). */
export const handle = SHELL_ONLY;

export async function loader({ context }: LoaderFunctionArgs) {
  const { counts, newest } = await landingFigures(context.db);
  return json({ counts, newest, signedIn: !!context.actor, hasOrg: !!context.actor?.org });
}

export default function Landing() {
  const { counts, newest, signedIn, hasOrg } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const max = Math.max(1, ...Object.values(counts.byType));
  const pillars = ["supply", "scenarios", "standards", "investors"] as const;
  return (
    <div className="landing">
      <section className="hero">
        <h1>{t("landing.heroTitle")}</h1>
        <p className="lead">{t("landing.heroBody")}</p>
        <div className="hero-actions">
          {!hasOrg ? (
            <Link to={signedIn ? "/apply" : "/signup?next=/apply"} className="btn btn-primary btn-lg">
              {t("landing.join")}
            </Link>
          ) : null}
          <Link to="/directory" className="btn btn-ghost btn-lg">
            {t("landing.browse")}
          </Link>
        </div>
      </section>

      <section aria-labelledby="counts-title" className="card">
        <h2 id="counts-title">{t("landing.countsTitle")}</h2>
        <div className="stats">
          <div className="stat">
            <strong data-testid="count-orgs">{counts.organisations}</strong>
            <span>{t("landing.organisations")}</span>
          </div>
          <div className="stat">
            <strong>{counts.people}</strong>
            <span>{t("landing.people")}</span>
          </div>
          <div className="stat">
            <strong>{counts.regions}</strong>
            <span>{t("landing.regions")}</span>
          </div>
        </div>
        <h3>{t("landing.byType")}</h3>
        <ul className="bars" aria-label={t("landing.byType")}>
          {ORG_TYPES.map((type) => {
            const n = counts.byType[type] ?? 0;
            return (
              <li key={type}>
                <span className="bar-label">{enumLabel(t, "orgType", type)}</span>
                <span className="bar-track">
                  <span className="bar-fill" style={{ width: `${(n / max) * 100}%` }} />
                </span>
                <span className="bar-value">{n}</span>
              </li>
            );
          })}
        </ul>
      </section>

      {newest.length ? (
        <section aria-labelledby="newest-title" className="card">
          <h2 id="newest-title">{t("landing.newestTitle")}</h2>
          <ul className="newest-members" data-testid="newest-members">
            {newest.map((o) => (
              <li key={o.id}>
                <Link to={`/orgs/${o.id}`}>{i18n.language === "en" && o.name_en ? o.name_en : o.name_zh}</Link>
                <span className={`tag tag-${o.type}`}>{enumLabel(t, "orgType", o.type)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="pillars-title">
        <h2 id="pillars-title">{t("landing.pillarsTitle")}</h2>
        <div className="grid">
          {pillars.map((p) => (
            <article key={p} className="card pillar">
              <h3>{t(`landing.${p}Title`)}</h3>
              <p>{t(`landing.${p}Body`)}</p>
            </article>
          ))}
        </div>
      </section>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
