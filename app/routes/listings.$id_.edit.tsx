import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { uuidParam } from "~/models/core/params";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { ListingForm } from "~/components/ListingForm";
import { PageHeader } from "~/components/ui";
import { guard, requireActor, routeUuid } from "~/lib/http.server";
import { handleListingForm } from "~/lib/listing-form.server";
import { forbidden } from "~/models/core/errors";
import { getListing, updateListing } from "~/models/marketplace/listings.server";
import { titled } from "~/lib/page-meta";

export const meta = titled("listings.editTitle");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const id = routeUuid(params, "id");
  return guard(context, async () => {
    const listing = await getListing(context.db, actor, id);
    if (!listing.own) throw forbidden("errors.notYourListing");
    return json({ listing });
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const id = uuidParam.safeParse(params.id);
  if (!id.success) throw json({ message: null }, { status: 404 });
  return handleListingForm(context, request, async (input) => {
    await updateListing(context.db, actor, id.data, input);
    return redirect(`/listings/${id.data}`);
  });
}

export default function EditListing() {
  const { listing } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="stack">
      <PageHeader title={t("listings.editTitle")} intro={listing.title} />
      <ListingForm
        data={data}
        editing
        defaults={{ ...listing, contactName: listing.contact?.name, contactEmail: listing.contact?.email, contactPhone: listing.contact?.phone }}
      />
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
