import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { FormError, SelectField, TextArea, TextField } from "~/components/forms";
import { PageHeader } from "~/components/ui";
import { failure, formValues, handleInput, requireActor, readFormData } from "~/lib/http.server";
import { getT } from "~/i18n";
import { STANDARD_TYPES } from "~/models/core/enums";
import { groupFromForm, groupInputSchema } from "~/models/standards/group-schema";
import { useClientCheck } from "~/lib/client-check";
import { createGroup } from "~/models/standards/groups.server";
import { isSecretariat } from "~/models/core/permissions";
import { titled } from "~/lib/page-meta";

export const meta = titled("standards.create");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  if (!isSecretariat(actor)) throw json({ message: getT(context.locale)("errors.forbidden") }, { status: 403 });
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const form = await readFormData(context, request);
  if (!form) return failure(context, 400, {}, {}, "v.invalid");
  return handleInput(context, groupFromForm(form), formValues(form), groupInputSchema, async (data) => {
    const id = await createGroup(context.db, actor, data);
    return redirect(`/groups/${id}`);
  });
}

export default function NewGroup() {
  const check = useClientCheck(groupInputSchema, groupFromForm);
  const data = check.shown(useActionData<typeof action>());
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="stack">
      <PageHeader title={t("standards.create")} />
      <Form method="post" noValidate className="card form-grid" onSubmit={check.onSubmit}>
        <FormError data={data} />
        <TextField name="name" label={t("standards.name")} maxLength={100} data={data} required />
        <TextField name="nameEn" label={t("standards.nameEn")} maxLength={200} data={data} />
        <SelectField
          name="standardType"
          label={t("standards.standardType")}
          placeholder={t("apply.choose")}
          options={STANDARD_TYPES.map((v) => ({ value: v, label: t(`standards.types.${v}`) }))}
          data={data}
        />
        <TextField name="convenorEmail" type="email" label={t("standards.convenorEmail")} data={data} required />
        <div className="span-2">
          <TextArea name="scope" label={t("standards.scope")} rows={3} data={data} required />
        </div>
        <div className="span-2">
          <TextArea name="charter" label={t("standards.charter")} rows={6} data={data} required />
        </div>
        <div className="span-2">
          <TextArea name="milestones" label={t("standards.milestones")} rows={3} data={data} className="mono" />
        </div>
        <div className="span-2">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t("standards.save")}
          </button>
        </div>
      </Form>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
