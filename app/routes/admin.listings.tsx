import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, type SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { FormError, TextArea, fieldValue, refusalOf, type FieldSource } from "~/components/forms";
import { ComplianceFacts, ContactLine, KindBadge, ListingFacts } from "~/components/listings";
import { EmptyState, PageHeader } from "~/components/ui";
import { formatDate } from "~/lib/format";
import { renderMarkdown } from "~/models/core/markdown.server";
import { guard, handleForm, requireActor } from "~/lib/http.server";
import { useClientCheck } from "~/lib/client-check";
import { REVIEW_CHECKLIST, listingReviewSchema } from "~/models/marketplace/listing-schema";
import { getListing, listPendingListings, reviewListing } from "~/models/marketplace/listings.server";
import { titled } from "~/lib/page-meta";

export const meta = titled("listings.reviewTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  return guard(context, async () => {
    const listings = await listPendingListings(context.db, actor);
    return json({ listings: listings.map((l) => ({ ...l, html: renderMarkdown(l.description) })) });
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  return handleForm(context, request, listingReviewSchema, async (data) => {
    await reviewListing(context.db, actor, data.listingId, { decision: data.decision, reason: data.reason }, context.realtime);
    const listing = await getListing(context.db, actor, data.listingId);
    return json({ ok: true as const, listingId: data.listingId, title: listing.title, decision: data.decision });
  });
}

type Pending = SerializeFrom<typeof loader>["listings"][number];

export default function ListingReview() {
  const { listings } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="stack">
      <PageHeader title={t("listings.reviewTitle")} />
      {data && data.ok ? (
        <p className="alert alert-ok" role="status" data-testid="review-done">
          {t(data.decision === "approve" ? "listings.reviewedApprove" : "listings.reviewedReturn", { title: data.title })}
        </p>
      ) : null}
      {listings.length === 0 ? <EmptyState>{t("listings.reviewEmpty")}</EmptyState> : null}
      {listings.map((l) => (
        <PendingListing key={l.id} listing={l} answer={refusalOf(data, { listingId: l.id })} />
      ))}
    </div>
  );
}

/** One listing in the queue with its own form, so a mistake in one review shows on that card only. */
function PendingListing({ listing: l, answer }: { listing: Pending; answer: FieldSource }) {
  const { t, i18n } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const check = useClientCheck(listingReviewSchema);
  const shown = check.shown(answer);
  return (
    <article className="card stack-sm" data-testid="pending-listing">
      <div className="row-between">
        <h2>
          <Link to={`/listings/${l.id}`}>{l.title}</Link>
        </h2>
        <KindBadge kind={l.kind} />
      </div>
      <p className="muted">
        <Link to={`/orgs/${l.orgId}`}>{l.orgName}</Link> ·{" "}
        {t("listings.reviewRecordLine", {
          since: l.history.memberSince ? formatDate(l.history.memberSince, i18n.language) : t("listings.reviewRecordNew"),
          published: l.history.published,
          ended: l.history.ended,
          returned: l.history.returned,
        })}
      </p>
      <div className="review-grid">
        <section>
          <h3>{t("listings.reviewDescription")}</h3>
          <div className="markdown review-description" dangerouslySetInnerHTML={{ __html: l.html }} />
          <p>
            <strong>
              {t("listings.scenario")}
              {t("common.colon")}
            </strong>
            {l.scenario}
          </p>
        </section>
        <section>
          <ListingFacts listing={l} />
          <h3>{t("listings.compliance")}</h3>
          <ComplianceFacts compliance={l.compliance} />
          <h3>{t("listings.contact")}</h3>
          <ContactLine contact={l.contact} />
        </section>
      </div>
      <Form method="post" className="review-form" noValidate onSubmit={check.onSubmit}>
        <FormError data={shown} />
        <input type="hidden" name="listingId" value={l.id} />
        <fieldset className="checks">
          <legend>{t("listings.checklist")}</legend>
          <div className="check-grid">
            {REVIEW_CHECKLIST.map((c) => (
              <label key={c} className="check">
                <input type="checkbox" name={`check_${c}`} defaultChecked={fieldValue(shown, `check_${c}`) === "on"} /> {t(`listings.check_${c}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <TextArea name="reason" scope={l.id} label={t("listings.reviewReason")} rows={2} maxLength={1000} data={shown} />
        <div className="row">
          <button type="submit" name="decision" value="approve" className="btn btn-primary" disabled={busy}>
            {t("listings.approve")}
          </button>
          <button type="submit" name="decision" value="return" className="btn btn-danger" disabled={busy}>
            {t("listings.returnIt")}
          </button>
        </div>
      </Form>
    </article>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
