import { useTranslation } from "~/i18n/use-translation";
import type { CrossBorderView, RouteGuide } from "~/models/crossborder/declarations.server";
import type { CrossBorderAreaText } from "~/lib/crossborder-areas.server";

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

/**
 * The route of a listing's declared flow, its steps and documents per side, and its sources (issue 35).
 * The guidance texts come translated from the loader (`guide`): their keys are server-only.
 */
export function CrossBorderRoute({ view, guide }: { view: CrossBorderView; guide: RouteGuide }) {
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
              <li key={s}>{s}</li>
            ))}
          </ol>
        </>
      ) : null}
      {docs.length ? (
        <>
          <h4>{t("crossborder.documents")}</h4>
          <ul>
            {docs.map((d) => (
              <li key={d}>{d}</li>
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
      <p>{guide.basis}</p>
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
      {guide.supplier.steps.length || guide.recipient.steps.length ? (
        <div className="grid-2">
          {side(t("crossborder.supplier"), guide.supplier.steps, guide.supplier.documents)}
          {side(t("crossborder.recipientSide"), guide.recipient.steps, guide.recipient.documents)}
        </div>
      ) : null}
      {guide.sources.length ? (
        <>
          <h3>{t("crossborder.sources")}</h3>
          <ul className="small">
            {guide.sources.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** A scenario's areas of cross-border mutual recognition (issue 35) as tags, in the reader's language; nothing when it stays in the mainland. */
export function CrossBorderAreas({ areas, text }: { areas: readonly string[]; text: CrossBorderAreaText }) {
  if (!areas.length) return null;
  return (
    <span data-testid="crossborder-areas">
      <span className="tag">
        <strong>{text.label}</strong>
      </span>
      {areas.map((a) => (
        <span key={a} className="tag">
          {text.names[a as keyof CrossBorderAreaText["names"]]}
        </span>
      ))}
    </span>
  );
}
