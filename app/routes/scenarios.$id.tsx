import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { useLocalName } from "~/i18n/use-local-name";
import { uuidParam } from "~/models/core/params";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { FormError } from "~/components/forms";
import { EnumTags, KindBadge } from "~/components/listings";
import { Figures, ImageStrip, StageBadge, StageSteps } from "~/components/scenarios";
import { EmptyState } from "~/components/ui";
import { enumLabel } from "~/lib/enums";
import { formatDate } from "~/lib/format";
import { failure, guard, handleValues, readIntent, requireActor, routeUuid } from "~/lib/http.server";
import { IN_DOMAIN_DELIVERY } from "~/models/core/enums";
import { stageChangeSchema } from "~/models/scenarios/scenario-schema";
import { advanceScenarioStage, getScenario } from "~/models/scenarios/scenarios.server";
import { inReaderLanguage, titledBy } from "~/lib/page-meta";
import { reportCan } from "~/models/trust/reports.server";
import { ReportLink } from "~/components/trust";

export const meta = titledBy<{ scenario: { title: string; titleEn: string | null } }>((d, _t, locale) =>
  inReaderLanguage(locale, d.scenario.title, d.scenario.titleEn),
);

export async function loader({ params, context }: LoaderFunctionArgs) {
  const id = routeUuid(params, "id");
  return guard(context, async () => {
    const scenario = await getScenario(context.db, context.actor, id);
    return json({ scenario, canReport: reportCan(context.actor, scenario.orgId) });
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const id = uuidParam.safeParse(params.id);
  const form = await readIntent(context, request);
  if (!id.success || !form) return failure(context, 400, {}, {}, "v.invalid");
  if (form.intent !== "advance") return failure(context, 400, form.values, {}, "v.invalid");
  return handleValues(context, form.values, stageChangeSchema, async (data) => {
    await advanceScenarioStage(context.db, actor, id.data, data.to, context.realtime);
    return redirect(`/scenarios/${id.data}`);
  });
}

export default function ScenarioPage() {
  const { scenario: s, canReport } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const localName = useLocalName();
  const inDomain = s.deliveryModes.some((m) => IN_DOMAIN_DELIVERY.includes(m));
  return (
    <div className="stack">
      <FormError data={data} />
      <div className="listing-layout">
        <article className="card stack-sm">
          <div className="row-between">
            <h1>{localName(s.title, s.titleEn)}</h1>
            <StageBadge stage={s.stage} />
          </div>
          <p className="muted">
            <Link to={`/orgs/${s.orgId}`}>{s.orgName}</Link> · {enumLabel(t, "orgType", s.orgType)} ·{" "}
            {t("scenarios.updated", { date: formatDate(s.updatedAt, i18n.language) })}
          </p>
          {s.catalogs.length ? (
            <div className="tags" data-testid="scenario-catalogs">
              {s.catalogs.map((c) => (
                <Link key={c.year} to={`/catalog/${c.year}`} className={c.demonstration ? "tag sc-demo" : "tag"}>
                  {c.demonstration ? t("scenarios.demoIn", { year: c.year }) : t("scenarios.recommendedIn", { year: c.year })}
                </Link>
              ))}
            </div>
          ) : null}
          <StageSteps stage={s.stage} />
          <ImageStrip urls={s.imageUrls} title={s.title} />
          <h2>{t("scenarios.problem")}</h2>
          <p className="prose sc-pre" data-testid="problem">
            {s.problem}
          </p>
          {s.results.length ? (
            <>
              <h2>{t("scenarios.results")}</h2>
              <Figures results={s.results} />
            </>
          ) : null}
          <h2>{t("scenarios.data")}</h2>
          {s.dataDescription ? <p className="prose sc-pre">{s.dataDescription}</p> : null}
          {s.listings.length ? (
            <ul className="list" data-testid="scenario-listings">
              {s.listings.map((l) => (
                <li key={l.id}>
                  <span>
                    <KindBadge kind={l.kind} /> <Link to={`/listings/${l.id}`}>{l.title}</Link>
                  </span>
                  <span className="muted small">{l.orgName}</span>
                </li>
              ))}
            </ul>
          ) : !s.dataDescription ? (
            <p className="muted">{t("scenarios.noData")}</p>
          ) : null}
        </article>

        <aside className="stack-sm">
          <section className="card">
            <dl className="facts">
              <dt>{t("scenarios.sector")}</dt>
              <dd>{enumLabel(t, "sector", s.sector)}</dd>
              <dt>{t("scenarios.region")}</dt>
              <dd>{enumLabel(t, "region", s.region)}</dd>
              <dt>{t("scenarios.delivery")}</dt>
              <dd className="tags">
                <EnumTags name="delivery" values={s.deliveryModes} />
              </dd>
            </dl>
            {inDomain ? <p className="small sc-note">{t("scenarios.inDomain")}</p> : null}
          </section>
          <section className="card">
            <h2>{t("scenarios.participants")}</h2>
            {s.participants.length ? (
              <ul className="list" data-testid="participants">
                {s.participants.map((p) => (
                  <li key={p.id}>
                    <Link to={`/orgs/${p.id}`}>{p.name}</Link>
                    <span className="tag">{enumLabel(t, "orgType", p.type)}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <EmptyState>{t("scenarios.noParticipants")}</EmptyState>
            )}
          </section>
          {s.own ? (
            <section className="card stack-sm">
              <Link to={`/scenarios/${s.id}/edit`} className="btn btn-ghost">
                {t("scenarios.edit")}
              </Link>
              {s.nextStage ? (
                <Form method="post">
                  <input type="hidden" name="to" value={s.nextStage} />
                  <button type="submit" name="intent" value="advance" className="btn btn-primary">
                    {t("scenarios.advanceTo", { stage: t(`scenarios.stages.${s.nextStage}`) })}
                  </button>
                </Form>
              ) : (
                <p className="muted small">{t("scenarios.finalStage")}</p>
              )}
            </section>
          ) : null}
          {canReport ? <ReportLink type="scenario" id={s.id} /> : null}
        </aside>
      </div>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
