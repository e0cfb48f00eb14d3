import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { FormError } from "~/components/forms";
import { ComplianceFacts, ContactLine, KindBadge, ListingFacts } from "~/components/listings";
import { EmptyState, PageHeader } from "~/components/ui";
import { formatDate } from "~/lib/format";
import { renderMarkdown } from "~/models/core/markdown.server";
import { failure, guard, handleValues, readIntent, requireActor } from "~/lib/http.server";
import { listingReviewSchema } from "~/models/marketplace/listing-schema";
import { getListing, listPendingListings, reviewListing } from "~/models/marketplace/listings.server";
import { titled } from "~/lib/page-meta";

export const meta = titled("listings.reviewTitle");

/** What the secretariat confirms before publishing; the checklist travels with the decision. */
const CHECKLIST = ["scenario", "compliance", "grade", "contact"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  return guard(context, async () => {
    const listings = await listPendingListings(context.db, actor);
    return json({ listings: listings.map((l) => ({ ...l, html: renderMarkdown(l.description) })) });
  });
}

const schema = listingReviewSchema.and(z.object({ listingId: z.string().uuid("v.invalid") }));

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const form = await readIntent(context, request);
  if (!form) return failure(context, 400, {}, {}, "v.invalid");
  const checked = CHECKLIST.every((c) => form.values[`check_${c}`] === "on");
  if (form.values.decision === "approve" && !checked) return failure(context, 400, form.values, {}, "listings.checklistIncomplete");
  return handleValues(context, form.values, schema, async (data) => {
    await reviewListing(context.db, actor, data.listingId, { decision: data.decision, reason: data.reason }, context.realtime);
    const listing = await getListing(context.db, actor, data.listingId);
    return json({ ok: true as const, listingId: data.listingId, title: listing.title, decision: data.decision });
  });
}

export default function ListingReview() {
  const { listings } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const failedFor = data && data.ok === false ? data.values.listingId : null;
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
        <article key={l.id} className="card stack-sm" data-testid="pending-listing">
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
                <strong>{t("listings.scenario")}：</strong>
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
          <Form method="post" className="review-form" noValidate>
            {failedFor === l.id ? <FormError data={data} /> : null}
            <input type="hidden" name="listingId" value={l.id} />
            <fieldset className="checks">
              <legend>{t("listings.checklist")}</legend>
              <div className="check-grid">
                {CHECKLIST.map((c) => (
                  <label key={c} className="check">
                    <input type="checkbox" name={`check_${c}`} /> {t(`listings.check_${c}`)}
                  </label>
                ))}
              </div>
            </fieldset>
            <label htmlFor={`reason-${l.id}`}>{t("listings.reviewReason")}</label>
            <textarea id={`reason-${l.id}`} name="reason" rows={2} maxLength={1000} />
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
      ))}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
