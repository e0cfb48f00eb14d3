import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { FormError, SelectField, TextArea, TextField } from "~/components/forms";
import { PageHeader } from "~/components/ui";
import { enumOptions } from "~/lib/enums";
import { guard, handleForm, requireActor } from "~/lib/http.server";
import { ORG_TYPES, REGIONS } from "~/models/core/enums";
import { applyForMembership, getOrganisation } from "~/models/accounts/organisations.server";
import { orgApplicationSchema } from "~/models/accounts/account-schema";
import { useClientCheck } from "~/lib/client-check";
import { titled } from "~/lib/page-meta";
import { mayApply } from "~/models/core/permissions";

export const meta = titled("apply.title", "apply.intro");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  // A rejected application comes back filled in, ready to correct.
  const previous = actor.org?.status === "rejected" ? await guard(context, () => getOrganisation(context.db, actor, actor.org!.id)) : null;
  return json({ blocked: !mayApply(actor), previous });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  return handleForm(context, request, orgApplicationSchema, async (data) => {
    await applyForMembership(context.db, actor, data);
    return redirect("/home");
  });
}

export default function Apply() {
  const { blocked, previous } = useLoaderData<typeof loader>();
  const check = useClientCheck(orgApplicationSchema);
  const data = check.shown(useActionData<typeof action>());
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  if (blocked) {
    return (
      <section className="card narrow">
        <h1>{t("apply.title")}</h1>
        <p>{t("apply.alreadyMember")}</p>
        <Link to="/home" className="btn btn-primary">
          {t("nav.home")}
        </Link>
      </section>
    );
  }
  return (
    <div className="stack">
      <PageHeader title={previous ? t("apply.resubmitTitle") : t("apply.title")} intro={t("apply.intro")} />
      <Form method="post" noValidate className="card form-grid" onSubmit={check.onSubmit}>
        <FormError data={data} />
        <SelectField
          name="type"
          label={t("apply.type")}
          placeholder={t("apply.choose")}
          options={enumOptions(t, "orgType", ORG_TYPES)}
          data={data}
          defaultValue={previous?.type}
          required
        />
        <SelectField
          name="region"
          label={t("apply.region")}
          placeholder={t("apply.choose")}
          options={enumOptions(t, "region", REGIONS)}
          data={data}
          defaultValue={previous?.region}
          required
        />
        <TextField name="nameZh" label={t("apply.nameZh")} maxLength={100} data={data} defaultValue={previous?.nameZh} required />
        <TextField name="nameEn" label={t("apply.nameEn")} maxLength={200} data={data} defaultValue={previous?.nameEn ?? undefined} />
        <TextField
          name="creditCode"
          label={t("apply.creditCode")}
          hint={t("apply.creditCodeHint")}
          maxLength={18}
          autoCapitalize="characters"
          data={data}
          defaultValue={previous?.creditCode ?? undefined}
        />
        <TextField name="contactName" label={t("apply.contactName")} maxLength={80} data={data} defaultValue={previous?.contact?.name} required />
        <TextField name="contactEmail" type="email" label={t("apply.contactEmail")} data={data} defaultValue={previous?.contact?.email} required />
        <TextField name="contactPhone" type="tel" label={t("apply.contactPhone")} data={data} defaultValue={previous?.contact?.phone ?? undefined} />
        <div className="span-2">
          <TextArea
            name="description"
            label={t("apply.description")}
            hint={t("apply.descriptionHint")}
            rows={5}
            maxLength={2000}
            data={data}
            defaultValue={previous?.description}
            required
          />
        </div>
        <div className="span-2">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t("apply.submit")}
          </button>
        </div>
      </Form>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
