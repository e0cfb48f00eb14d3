import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, type SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { FormError, InlineFieldError, TextArea, TextField, fieldError, fieldValue, formRefusal, refusalOf, type FieldSource } from "~/components/forms";
import { StageBadge } from "~/components/scenarios";
import { EmptyState, PageHeader, StatusBadge, ConfirmButton } from "~/components/ui";
import { failure, guard, handleValues, readIntent, requireActor } from "~/lib/http.server";
import { editionInputSchema, editionRefSchema, entryInputSchema, scenarioQuerySchema } from "~/models/scenarios/scenario-schema";
import { createEdition, getEdition, listEditions, publishEdition, removeCatalogEntry, setCatalogEntry } from "~/models/scenarios/catalog.server";
import { searchScenarios } from "~/models/scenarios/scenarios.server";
import { requireSecretariat } from "~/models/core/permissions";
import { titled } from "~/lib/page-meta";
import { useClientCheck } from "~/lib/client-check";

export const meta = titled("scenarios.adminTitle", "scenarios.adminIntro");

/** 应用场景推荐目录: the secretariat creates yearly editions, picks scenarios, marks demonstration cases, publishes. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  return guard(context, async () => {
    requireSecretariat(actor);
    const editions = await listEditions(context.db, actor);
    const details = await Promise.all(editions.map((e) => getEdition(context.db, actor, e.id)));
    const candidates: { id: string; title: string; orgName: string; stage: string }[] = [];
    for (let page = 1; page <= 10; page++) {
      const r = await searchScenarios(context.db, scenarioQuerySchema.parse({ page }));
      candidates.push(...r.hits.map((h) => ({ id: h.id, title: h.title, orgName: h.orgName, stage: h.stage })));
      if (r.hits.length < r.pageSize) break;
    }
    return json({ editions: details, candidates, nextYear: new Date().getFullYear() });
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const form = await readIntent(context, request);
  if (!form) return failure(context, 400, {}, {}, "v.invalid");
  const { intent, values } = form;
  const done = (editionId: string | null) => json({ ok: true as const, intent, editionId });
  switch (intent) {
    case "create":
      return handleValues(context, values, editionInputSchema, async (data) => done(await createEdition(context.db, actor, data)));
    case "add":
      return handleValues(context, values, entryInputSchema, async (data) => {
        await setCatalogEntry(context.db, actor, data.editionId, data.scenarioId, data.demonstration);
        return done(data.editionId);
      });
    case "mark":
    case "unmark":
      return handleValues(context, values, entryInputSchema, async (data) => {
        await setCatalogEntry(context.db, actor, data.editionId, data.scenarioId, intent === "mark");
        return done(data.editionId);
      });
    case "remove":
      return handleValues(context, values, entryInputSchema, async (data) => {
        await removeCatalogEntry(context.db, actor, data.editionId, data.scenarioId);
        return done(data.editionId);
      });
    case "publish":
      return handleValues(context, values, editionRefSchema, async (data) => {
        await publishEdition(context.db, actor, data.editionId, context.realtime);
        return done(data.editionId);
      });
    default:
      return failure(context, 400, values, {}, "v.invalid");
  }
}

type Edition = SerializeFrom<typeof loader>["editions"][number];
type Candidate = SerializeFrom<typeof loader>["candidates"][number];

export default function CatalogAdmin() {
  const { editions, candidates, nextYear } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const refusal = formRefusal(data);
  const createRefusal = refusalOf(data, { intent: "create" });
  const check = useClientCheck(editionInputSchema);
  const createShown = check.shown(createRefusal);
  return (
    <div className="stack">
      <PageHeader
        title={t("scenarios.adminTitle")}
        intro={t("scenarios.adminIntro")}
        actions={
          <Link to="/catalog" className="btn btn-ghost">
            {t("scenarios.allEditions")}
          </Link>
        }
      />
      {refusal && !refusal.values.editionId && !createRefusal ? <FormError data={refusal} /> : null}

      <Form method="post" className="card form-grid" noValidate onSubmit={check.onSubmit}>
        <h2 className="span-2">{t("scenarios.newEdition")}</h2>
        <FormError data={createShown} />
        <TextField name="year" type="number" inputMode="numeric" label={t("scenarios.fYear")} data={createShown} defaultValue={nextYear} />
        <TextField
          name="title"
          label={t("scenarios.fEditionTitle")}
          maxLength={120}
          data={createShown}
          defaultValue={t("scenarios.defaultEditionTitle", { year: nextYear })}
        />
        <div className="span-2">
          <TextArea name="intro" label={t("scenarios.fIntro")} rows={3} maxLength={5000} data={createShown} />
        </div>
        <div className="span-2">
          <button type="submit" name="intent" value="create" className="btn btn-primary">
            {t("scenarios.createEdition")}
          </button>
        </div>
      </Form>

      {editions.length === 0 ? <EmptyState>{t("scenarios.noEditions")}</EmptyState> : null}
      {editions.map((e) => (
        <EditionCard key={e.edition.id} edition={e} candidates={candidates} answer={refusalOf(data, { editionId: e.edition.id })} />
      ))}
    </div>
  );
}

/** One edition: its entries, and while it is a draft the forms that fill and publish it. */
function EditionCard({ edition: { edition, entries }, candidates, answer }: { edition: Edition; candidates: Candidate[]; answer: FieldSource }) {
  const { t } = useTranslation();
  const check = useClientCheck(entryInputSchema);
  const shown = check.shown(answer);
  const draft = edition.status === "draft";
  const inEdition = new Set(entries.map((e) => e.scenarioId));
  const choiceError = fieldError(shown, "scenarioId");
  return (
    <section className="card stack-sm" data-testid="edition">
      <div className="row-between">
        <h2>
          <Link to={`/catalog/${edition.year}`}>{edition.title}</Link>
        </h2>
        <StatusBadge status={edition.status} label={t(`scenarios.editionStatus.${edition.status}`)} />
      </div>
      <FormError data={shown} />
      <p className="muted small">
        {t("scenarios.entryCount", { count: edition.entries })} · {t("scenarios.demoCount", { count: edition.demonstrations })}
      </p>
      {entries.length ? (
        <ul className="list sc-entries">
          {entries.map((e) => (
            <li key={e.scenarioId}>
              <span>
                <Link to={`/scenarios/${e.scenarioId}`}>{e.title}</Link> <StageBadge stage={e.stage} />
                {e.demonstration ? <span className="tag sc-demo">{t("scenarios.demonstration")}</span> : null}
              </span>
              {draft ? (
                <Form method="post" className="row">
                  <input type="hidden" name="editionId" value={edition.id} />
                  <input type="hidden" name="scenarioId" value={e.scenarioId} />
                  <button type="submit" name="intent" value={e.demonstration ? "unmark" : "mark"} className="btn btn-ghost btn-sm">
                    {e.demonstration ? t("scenarios.unmarkDemo") : t("scenarios.markDemo")}
                  </button>
                  <ConfirmButton confirm={t("confirm.removeFromCatalog")} name="intent" value="remove" className="btn btn-danger btn-sm">
                    {t("scenarios.remove")}
                  </ConfirmButton>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("scenarios.editionEmpty")}</p>
      )}
      {draft ? (
        <>
          <Form method="post" className="row sc-add" noValidate onSubmit={check.onSubmit}>
            <input type="hidden" name="editionId" value={edition.id} />
            <select
              name="scenarioId"
              aria-label={t("scenarios.chooseScenario")}
              defaultValue={fieldValue(shown, "scenarioId") ?? ""}
              aria-invalid={!!choiceError}
              aria-describedby={choiceError ? `e-choice-${edition.id}` : undefined}
            >
              <option value="">{t("scenarios.chooseScenario")}</option>
              {candidates
                .filter((c) => !inEdition.has(c.id))
                .map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.title} · {c.orgName} · {t(`scenarios.stages.${c.stage}`)}
                  </option>
                ))}
            </select>
            <label className="check">
              <input type="checkbox" name="demonstration" /> {t("scenarios.demonstration")}
            </label>
            <button type="submit" name="intent" value="add" className="btn btn-primary btn-sm">
              {t("scenarios.add")}
            </button>
            <InlineFieldError data={shown} name="scenarioId" id={`e-choice-${edition.id}`} />
          </Form>
          <Form method="post">
            <input type="hidden" name="editionId" value={edition.id} />
            <button type="submit" name="intent" value="publish" className="btn btn-primary">
              {t("scenarios.publishEdition")}
            </button>
          </Form>
        </>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
