import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { ScenarioForm } from "~/components/scenarios";
import { PageHeader } from "~/components/ui";
import { failure, formValues, guard, handleInput, requireActor, readFormData, uploadedFiles } from "~/lib/http.server";
import { scenarioFromForm, scenarioInputSchema } from "~/models/scenarios/scenario-schema";
import { createScenario, scenarioFormOptions } from "~/models/scenarios/scenarios.server";
import { titled } from "~/lib/page-meta";
import { crossBorderAreaText } from "~/lib/crossborder-areas.server";
import { CrossBorderAreasField } from "~/components/CrossBorderAreasField";

export const meta = titled("scenarios.newTitle", "scenarios.newIntro");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  return guard(context, async () => json({ options: await scenarioFormOptions(context.db, actor), areaText: crossBorderAreaText(context.locale) }));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const form = await readFormData(context, request);
  if (!form) return failure(context, 400, {}, {}, "v.invalid");
  return handleInput(context, scenarioFromForm(form), formValues(form), scenarioInputSchema, async (input) => {
    const id = await createScenario(context.db, actor, input, context.realtime, await uploadedFiles(form, "imageFiles"));
    return redirect(`/scenarios/${id}`);
  });
}

export default function NewScenario() {
  const { options, areaText } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="stack">
      <PageHeader title={t("scenarios.newTitle")} intro={t("scenarios.newIntro")} />
      <ScenarioForm
        data={data}
        options={options}
        areasField={(d) => <CrossBorderAreasField data={d} text={areaText} />}
        defaults={{}}
        submitLabel={t("scenarios.publish")}
      />
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
