import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { ListingForm } from "~/components/ListingForm";
import { PageHeader } from "~/components/ui";
import { requireActor } from "~/lib/http.server";
import { handleListingForm } from "~/lib/listing-form.server";
import { getT } from "~/i18n";
import { createListing } from "~/models/marketplace/listings.server";
import { titled } from "~/lib/page-meta";
import { approvedOrg } from "~/models/core/permissions";

export const meta = titled("listings.newTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  if (!approvedOrg(actor)) throw json({ message: getT(context.locale)("errors.orgNotApproved") }, { status: 403 });
  return json({ contactName: actor.displayName, contactEmail: actor.email });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  return handleListingForm(context, request, async (input, intent) => {
    const id = await createListing(context.db, actor, input, { submit: intent !== "draft" });
    return redirect(`/listings/${id}`);
  });
}

export default function NewListing() {
  const defaults = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="stack">
      <PageHeader title={t("listings.newTitle")} />
      <ListingForm data={data} defaults={defaults} />
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
