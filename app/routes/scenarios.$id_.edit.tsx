import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { uuidParam } from "~/models/core/params";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { ScenarioForm } from "~/components/scenarios";
import { PageHeader } from "~/components/ui";
import { failure, formValues, guard, handleInput, requireActor, readFormData, uploadedFiles, routeUuid } from "~/lib/http.server";
import { forbidden } from "~/models/core/errors";
import { resultsToText, scenarioFromForm, scenarioInputSchema } from "~/models/scenarios/scenario-schema";
import { getScenario, scenarioFormOptions, updateScenario } from "~/models/scenarios/scenarios.server";
import { titled } from "~/lib/page-meta";
import { crossBorderAreaText } from "~/lib/crossborder-areas.server";
import { CrossBorderAreasField } from "~/components/CrossBorderAreasField";

export const meta = titled("scenarios.editTitle");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const id = routeUuid(params, "id");
  return guard(context, async () => {
    const scenario = await getScenario(context.db, actor, id);
    if (!scenario.own) throw forbidden("scenarios.errors.notYours");
    return json({ scenario, options: await scenarioFormOptions(context.db, actor), areaText: crossBorderAreaText(context.locale) });
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const id = uuidParam.safeParse(params.id);
  if (!id.success) throw json({ message: null }, { status: 404 });
  const form = await readFormData(context, request);
  if (!form) return failure(context, 400, {}, {}, "v.invalid");
  return handleInput(context, scenarioFromForm(form), formValues(form), scenarioInputSchema, async (input) => {
    await updateScenario(context.db, actor, id.data, input, context.realtime, await uploadedFiles(form, "imageFiles"));
    return redirect(`/scenarios/${id.data}`);
  });
}

export default function EditScenario() {
  const { scenario, options, areaText } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  // Linked listings that are no longer published stay selectable until the owner removes them.
  const listingOptions = [...options.listings, ...scenario.listings.filter((l) => !options.listings.some((o) => o.id === l.id))];
  return (
    <div className="stack">
      <PageHeader title={t("scenarios.editTitle")} intro={scenario.title} />
      <ScenarioForm
        data={data}
        options={{ listings: listingOptions, orgs: options.orgs }}
        areasField={(d) => <CrossBorderAreasField data={d} defaults={scenario.crossborderAreas} text={areaText} />}
        defaults={{
          ...scenario,
          listingIds: scenario.listings.map((l) => l.id),
          participantOrgIds: scenario.namedOrgIds,
          resultsText: resultsToText(scenario.results),
        }}
        submitLabel={t("scenarios.save")}
      />
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
