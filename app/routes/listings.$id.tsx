import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { z } from "zod";
import { uuidParam } from "~/models/core/params";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { FormError } from "~/components/forms";
import { AssessmentNotice, CrossBorderRoute } from "~/components/CrossBorderRoute";
import { crossBorderView, routeGuide } from "~/models/crossborder/declarations.server";
import { ComplianceFacts, ContactLine, KindBadge, ListingFacts, MatchReasons, ScoreBar } from "~/components/listings";
import { EmptyState, StatusBadge, ConfirmButton } from "~/components/ui";
import { enumLabel } from "~/lib/enums";
import { formatDate, formatDateTime } from "~/lib/format";
import { failure, guard, handleValues, readIntent, requireActor, routeUuid } from "~/lib/http.server";
import { expressInterest, matchesForListing, myCounterListings } from "~/models/marketplace/deals.server";
import { OWNER_MOVES, changeListingStatus, getListing, listingCan, listingHistory } from "~/models/marketplace/listings.server";
import { reportCan } from "~/models/trust/reports.server";
import { ReportLink } from "~/components/trust";
import { HiddenNotice, HideLink, useModerationLive } from "~/components/moderation";
import { moderationCan } from "~/models/trust/moderation.server";
import { renderMarkdown } from "~/models/core/markdown.server";
import { inReaderLanguage, titledBy } from "~/lib/page-meta";
import { reasonsForReader } from "~/models/marketplace/matching.server";
import { useLocalName } from "~/i18n/use-local-name";
import { getT } from "~/i18n";

export const meta = titledBy<{ listing: { title: string; titleEn: string | null } }>((d, _t, locale) =>
  inReaderLanguage(locale, d.listing.title, d.listing.titleEn),
);

const interestSchema = z.object({ myListingId: z.string().uuid("v.choose"), otherListingId: z.string().uuid("v.invalid") });

export async function loader({ params, context }: LoaderFunctionArgs) {
  const id = routeUuid(params, "id");
  const actor = context.actor;
  return guard(context, async () => {
    const listing = await getListing(context.db, actor, id);
    const history = await listingHistory(context.db, actor, listing.id);
    const matches: Awaited<ReturnType<typeof matchesForListing>> = listing.own
      ? reasonsForReader(await matchesForListing(context.db, actor, listing.id), context.locale)
      : [];
    const can = listingCan(listing, actor);
    const crossBorder = crossBorderView(listing.crossBorderFlow ?? null, listing.compliance);
    const counter: Awaited<ReturnType<typeof myCounterListings>> = can.expressInterest
      ? await myCounterListings(context.db, actor, listing.kind, listing.id)
      : [];
    return json({
      listing,
      crossBorder,
      // The guidance texts are translated here: their keys stay off the browser's catalogue.
      guide: crossBorder ? routeGuide(getT(context.locale), crossBorder.route) : null,
      can,
      canReport: reportCan(actor, listing.orgId),
      moderate: moderationCan(actor),
      html: renderMarkdown(listing.description),
      history,
      matches,
      counter,
    });
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const id = uuidParam.safeParse(params.id);
  const form = await readIntent(context, request);
  if (!id.success || !form) return failure(context, 400, {}, {}, "v.invalid");
  const { intent, values } = form;
  const move = z.enum(OWNER_MOVES).safeParse(intent);
  if (move.success) {
    return handleValues(context, values, z.object({}), async () => {
      await changeListingStatus(context.db, actor, id.data, move.data, context.realtime);
      return redirect(`/listings/${id.data}`);
    });
  }
  if (intent === "interest") {
    return handleValues(context, values, interestSchema, async (data) => {
      const matchId = await expressInterest(context.db, actor, data, context.realtime);
      return redirect(`/matches/${matchId}`);
    });
  }
  return failure(context, 400, values, {}, "v.invalid");
}

export default function ListingPage() {
  const { listing, crossBorder, guide, can, canReport, moderate, html, history, matches, counter } = useLoaderData<typeof loader>();
  useModerationLive();
  const data = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const localName = useLocalName();
  const otherKind = listing.kind === "supply" ? "demand" : "supply";
  return (
    <div className="stack">
      <FormError data={data} />
      <div className="listing-layout">
        <article className="card stack-sm">
          <div className="row-between">
            <h1>{localName(listing.title, listing.titleEn)}</h1>
            <div className="row">
              <KindBadge kind={listing.kind} />
              <StatusBadge status={listing.status} label={enumLabel(t, "listingStatus", listing.status)} />
            </div>
          </div>
          <p className="muted">
            <Link to={`/orgs/${listing.orgId}`}>{localName(listing.orgName, listing.orgNameEn)}</Link>
            {listing.publishedAt ? ` · ${t("listings.published", { date: formatDate(listing.publishedAt, i18n.language) })}` : ""}
            {` · ${t("listings.version", { version: listing.version })}`}
          </p>
          {listing.hiddenReason !== null ? <HiddenNotice reason={listing.hiddenReason} /> : null}
          {listing.reviewNotes && listing.hiddenReason === null ? (
            <p className="alert alert-error">{t("listings.returned", { reason: listing.reviewNotes })}</p>
          ) : null}
          <AssessmentNotice view={crossBorder} />
          <div className="markdown" data-testid="description" dangerouslySetInnerHTML={{ __html: html }} />
          <h2>{t("listings.scenario")}</h2>
          <p className="prose">{listing.scenario}</p>
          {crossBorder && crossBorder.route.route !== "no_flow" ? <CrossBorderRoute view={crossBorder} guide={guide!} /> : null}
          {listing.fields.length ? (
            <>
              <h2>{t("listings.fields")}</h2>
              <div className="table-wrap">
                <table>
                  <tbody>
                    {listing.fields.map((f) => (
                      <tr key={f.name}>
                        <td className="mono">{f.name}</td>
                        <td className="mono small">{f.type}</td>
                        <td>{f.meaning}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : null}
          {listing.sampleDescription ? <p className="muted">{listing.sampleDescription}</p> : null}
        </article>

        <aside className="stack-sm">
          <section className="card">
            <ListingFacts listing={listing} />
          </section>
          <section className="card">
            <h2>{t("listings.compliance")}</h2>
            <ComplianceFacts compliance={listing.compliance} />
          </section>
          <section className="card">
            <h2>{t("listings.contact")}</h2>
            <ContactLine contact={listing.contact} />
          </section>
          {can.edit || can.moves.length ? (
            <section className="card row">
              {can.edit ? (
                <Link to={`/listings/${listing.id}/edit`} className="btn btn-ghost">
                  {t("listings.edit")}
                </Link>
              ) : null}
              <Form method="post" className="row">
                {can.moves.includes("pending_review") ? (
                  <button type="submit" name="intent" value="pending_review" className="btn btn-primary">
                    {t("listings.submitForReview")}
                  </button>
                ) : null}
                {can.moves.includes("closed") ? (
                  <ConfirmButton confirm={t("confirm.closeListing")} name="intent" value="closed" className="btn btn-ghost">
                    {t("listings.close")}
                  </ConfirmButton>
                ) : null}
                {can.moves.includes("withdrawn") ? (
                  <ConfirmButton confirm={t("confirm.withdrawListing")} name="intent" value="withdrawn" className="btn btn-danger">
                    {t("listings.withdraw")}
                  </ConfirmButton>
                ) : null}
              </Form>
            </section>
          ) : null}
          {can.expressInterest ? (
            <section className="card">
              <h2>{t("listings.interest")}</h2>
              {counter.length ? (
                <Form method="post" className="stack-sm" noValidate>
                  <input type="hidden" name="otherListingId" value={listing.id} />
                  <label htmlFor="myListingId">{t("listings.interestWith")}</label>
                  <select id="myListingId" name="myListingId" defaultValue="" required>
                    <option value="">{t("apply.choose")}</option>
                    {counter.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.score === null
                          ? t("listings.interestNoScore", { title: localName(c.title, c.titleEn) })
                          : t("listings.interestScore", { title: localName(c.title, c.titleEn), score: c.score })}
                      </option>
                    ))}
                  </select>
                  <small className="hint">{t("listings.interestOrder")}</small>
                  <button type="submit" name="intent" value="interest" className="btn btn-primary">
                    {t("listings.interest")}
                  </button>
                </Form>
              ) : (
                <p className="muted">{t("listings.noCounter", { kind: enumLabel(t, "kind", otherKind) })}</p>
              )}
            </section>
          ) : null}
          {canReport ? <ReportLink type="listing" id={listing.id} /> : null}
          {moderate.hide && listing.hiddenReason === null ? <HideLink type="listing" id={listing.id} /> : null}
        </aside>
      </div>

      {can.seeMatches ? (
        <section className="card" aria-labelledby="matches-title">
          <h2 id="matches-title">{t("listings.matches")}</h2>
          <p className="muted">{t("listings.matchesIntro")}</p>
          {matches.length === 0 ? (
            <EmptyState>{t("listings.noMatches")}</EmptyState>
          ) : (
            <ol className="matches" data-testid="matches">
              {matches.map((m) => (
                <li key={m.listingId} className="match">
                  <div className="row-between">
                    <div>
                      <Link to={`/listings/${m.listingId}`} className="listing-title">
                        {m.title}
                      </Link>
                      <p className="muted small">{m.orgName}</p>
                    </div>
                    <ScoreBar score={m.score} />
                  </div>
                  <MatchReasons reasons={m.reasons} />
                  {m.matchId && m.status !== "suggested" ? (
                    <Link to={`/matches/${m.matchId}`} className="btn btn-ghost btn-sm">
                      {t("listings.openMatch")} · {enumLabel(t, "matchStatus", m.status ?? "")}
                    </Link>
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="myListingId" value={listing.id} />
                      <input type="hidden" name="otherListingId" value={m.listingId} />
                      <button type="submit" name="intent" value="interest" className="btn btn-primary btn-sm">
                        {t("listings.interest")}
                      </button>
                    </Form>
                  )}
                </li>
              ))}
            </ol>
          )}
        </section>
      ) : null}

      {listing.status === "published" || history.length ? (
        <section className="card">
          <h2>{t("listings.history")}</h2>
          {history.length === 0 ? (
            <p className="muted">{t("listings.historyEmpty")}</p>
          ) : (
            <ul className="list">
              {history.map((h) => (
                <li key={h.version}>
                  <span>
                    {t("listings.version", { version: h.version })} · {h.title}
                  </span>
                  <time className="muted" dateTime={String(h.createdAt)}>
                    {formatDateTime(h.createdAt, i18n.language)}
                  </time>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
