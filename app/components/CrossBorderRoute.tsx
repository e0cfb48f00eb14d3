import { useTranslation } from "~/i18n/use-translation";
import type { CrossBorderView } from "~/models/crossborder/declarations.server";

/** Before anyone negotiates: the data cannot leave the mainland without the CAC's security assessment. */
export function AssessmentNotice({ view }: { view: Pick<CrossBorderView, "route"> | null }) {
  const { t } = useTranslation();
  if (!view?.route.needsAssessment) return null;
  return (
    <p className="alert alert-error" role="note" data-testid="crossborder-blocked">
      {t("crossborder.blocked")}
    </p>
  );
}

/** The route of a listing's declared flow, its steps and documents per side, and its sources (issue 35). */
export function CrossBorderRoute({ view }: { view: CrossBorderView }) {
  const { t, i18n } = useTranslation();
  const { flow, route } = view;
  const count = (n: number) => n.toLocaleString(i18n.language);
  const side = (title: string, steps: string[], docs: string[]) => (
    <div>
      <h3>{title}</h3>
      {steps.length ? (
        <>
          <h4>{t("crossborder.steps")}</h4>
          <ol>
            {steps.map((s) => (
              <li key={s}>{t(`crossborder.stepItems.${s}`)}</li>
            ))}
          </ol>
        </>
      ) : null}
      {docs.length ? (
        <>
          <h4>{t("crossborder.documents")}</h4>
          <ul>
            {docs.map((d) => (
              <li key={d}>{t(`crossborder.docs.${d}`)}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
  return (
    <section className="card stack-sm" aria-labelledby="crossborder-title" data-testid="crossborder" data-route={route.route}>
      <h2 id="crossborder-title">{t("crossborder.title")}</h2>
      <p className="alert" role="note">
        {t("crossborder.warning")}
      </p>
      <p>
        <strong>{t("crossborder.route")}: </strong>
        <span className="badge" data-testid="crossborder-route">
          {t(`crossborder.routes.${route.route}`)}
        </span>
      </p>
      <p>{t(`crossborder.basis.${route.basis}`)}</p>
      {route.alternatives.length ? (
        <p className="muted">{t("crossborder.alternatives", { routes: route.alternatives.map((r) => t(`crossborder.routes.${r}`)).join(" / ") })}</p>
      ) : null}
      <dl className="facts">
        <dt>{t("crossborder.direction")}</dt>
        <dd>{t(`crossborder.directions.${flow.direction}`)}</dd>
        <dt>{t("crossborder.personalInfo")}</dt>
        <dd>
          {view.personalInfo ? t("crossborder.yes") : t("crossborder.no")}
          {view.personalInfo ? ` · ${t("crossborder.headCount", { people: count(flow.people), sensitive: count(flow.sensitivePeople) })}` : ""}
        </dd>
        <dt>{t("crossborder.importantData")}</dt>
        <dd>{view.importantData ? t("crossborder.yes") : t("crossborder.no")}</dd>
        <dt>{t("crossborder.research")}</dt>
        <dd>{flow.researchData ? t("crossborder.yes") : t("crossborder.no")}</dd>
        <dt>{t("crossborder.recipient")}</dt>
        <dd>{t(`crossborder.recipients.${flow.recipientKind}`)}</dd>
        {flow.exemption ? (
          <>
            <dt>{t("crossborder.exemption")}</dt>
            <dd>{t(`crossborder.exemptions.${flow.exemption}`)}</dd>
          </>
        ) : null}
        <dt>{t("crossborder.purpose")}</dt>
        <dd>{flow.purpose}</dd>
      </dl>
      {route.steps.supplier.length || route.steps.recipient.length ? (
        <div className="grid-2">
          {side(t("crossborder.supplier"), route.steps.supplier, route.documents.supplier)}
          {side(t("crossborder.recipientSide"), route.steps.recipient, route.documents.recipient)}
        </div>
      ) : null}
      {route.cites.length ? (
        <>
          <h3>{t("crossborder.sources")}</h3>
          <ul className="small">
            {route.cites.map((c) => (
              <li key={`${c.source}-${c.article}`}>{t("crossborder.cite", { source: t(`crossborder.sourceNames.${c.source}`), article: c.article })}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
