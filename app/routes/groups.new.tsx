import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { ConformForm, ConformInput, ConformSelect, ConformTextArea } from "~/components/conform-fields";
import { PageHeader } from "~/components/ui";
import { requireActor } from "~/lib/http.server";
import { handleSubmission } from "~/lib/conform.server";
import { useSchemaForm } from "~/lib/conform";
import { getT } from "~/i18n";
import { STANDARD_TYPES } from "~/models/core/enums";
import { groupInputSchema } from "~/models/standards/group-schema";
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
  return handleSubmission(context, request, groupInputSchema, async (data) => {
    const id = await createGroup(context.db, actor, data);
    return redirect(`/groups/${id}`);
  });
}

export default function NewGroup() {
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useSchemaForm(groupInputSchema, lastResult, { id: "new-group" });
  return (
    <div className="stack">
      <PageHeader title={t("standards.create")} />
      <ConformForm form={form} className="card form-grid">
        <ConformInput field={fields.name} label={t("standards.name")} maxLength={100} />
        <ConformInput field={fields.nameEn} label={t("standards.nameEn")} maxLength={200} />
        <ConformSelect
          field={fields.standardType}
          label={t("standards.standardType")}
          placeholder={t("apply.choose")}
          options={STANDARD_TYPES.map((v) => ({ value: v, label: t(`standards.types.${v}`) }))}
        />
        <ConformInput field={fields.convenorEmail} type="email" label={t("standards.convenorEmail")} />
        <div className="span-2">
          <ConformTextArea field={fields.scope} label={t("standards.scope")} rows={3} />
        </div>
        <div className="span-2">
          <ConformTextArea field={fields.charter} label={t("standards.charter")} rows={6} />
        </div>
        <div className="span-2">
          <ConformTextArea field={fields.milestones} label={t("standards.milestones")} rows={3} className="mono" />
        </div>
        <div className="span-2">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t("standards.save")}
          </button>
        </div>
      </ConformForm>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
