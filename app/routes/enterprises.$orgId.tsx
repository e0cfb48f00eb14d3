import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { z } from "zod";
import { uuidParam } from "~/models/core/params";
import { CheckedForm } from "~/components/checked-form";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { FormError, TextArea, formRefusal, refusalOf } from "~/components/forms";
import { ProfileFacts } from "~/components/profiles";
import { StatusBadge } from "~/components/ui";
import { enumLabel } from "~/lib/enums";
import { failure, guard, handleValues, readIntent, requireActor, routeUuid } from "~/lib/http.server";
import { introductionWith, requestIntroduction } from "~/models/directory/introductions.server";
import { unwatch, watch, watchState } from "~/models/directory/watchlist.server";
import { introductionSchema, watchSchema } from "~/models/directory/profile-schema";
import { getProfile, recordView, viewerOf } from "~/models/directory/profiles.server";
import { inReaderLanguage } from "~/lib/page-meta";
import { titledBy } from "~/lib/page-meta";
import { useLocalName } from "~/i18n/use-local-name";
import { creditRecord } from "~/models/trust/record.server";
import { reportCan } from "~/models/trust/reports.server";
import { ReportLink } from "~/components/trust";
import { CreditRecord } from "~/components/credit";
import { FilingRatings } from "~/components/filing-ratings";
import { orgRatings } from "~/models/trust/filings.server";

export const meta = titledBy<{ profile: { nameZh: string; nameEn?: string | null } }>((d, _t, locale) =>
  inReaderLanguage(locale, d.profile.nameZh, d.profile.nameEn),
);

export async function loader({ params, context }: LoaderFunctionArgs) {
  const id = routeUuid(params, "orgId");
  const actor = context.actor;
  return guard(context, async () => {
    const viewer = await viewerOf(context.db, actor);
    const profile = await getProfile(context.db, actor, id, viewer);
    await recordView(context.db, actor, id);
    const [watching, intro] = viewer.investor ? await Promise.all([watchState(context.db, actor, id), introductionWith(context.db, actor, id)]) : [null, null];
    const record = await creditRecord(context.db, profile.orgId);
    const ratings = await orgRatings(context.db, actor, profile.orgId);
    return json({ profile, investor: viewer.investor, watching, intro, signedIn: !!actor, record, ratings, canReport: reportCan(actor, profile.orgId) });
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const id = uuidParam.safeParse(params.orgId);
  const form = await readIntent(context, request);
  if (!id.success || !form) return failure(context, 400, {}, {}, "v.invalid");
  const { intent, values } = form;
  switch (intent) {
    case "watch":
      return handleValues(context, values, watchSchema, async (data) => {
        await watch(context.db, actor, id.data, data.note);
        return json({ ok: true as const, intent });
      });
    case "unwatch":
      return handleValues(context, values, z.object({}), async () => {
        await unwatch(context.db, actor, id.data);
        return json({ ok: true as const, intent });
      });
    case "introduce":
      return handleValues(context, values, introductionSchema, async (data) => {
        const introId = await requestIntroduction(context.db, actor, id.data, data.message, context.realtime);
        return json({ ok: true as const, intent, introId });
      });
    default:
      return failure(context, 400, values, {}, "v.invalid");
  }
}

export default function EnterpriseProfile() {
  const { profile, investor, watching, intro, signedIn, record, ratings, canReport } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation();
  const localName = useLocalName();
  const sent = data && "intent" in data && data.intent === "introduce";
  const failed = formRefusal(data);
  const introFailed = refusalOf(data, { intent: "introduce" });
  return (
    <div className="stack">
      <FormError data={introFailed ? undefined : failed} />
      <div className="listing-layout">
        <article className="card stack-sm">
          <div className="row-between">
            <div>
              <h1>{localName(profile.nameZh, profile.nameEn)}</h1>
              {profile.nameEn ? <p className="muted">{profile.nameEn}</p> : null}
            </div>
            <div className="row">
              <span className={`tag tag-${profile.type}`}>{enumLabel(t, "orgType", profile.type)}</span>
              <span className="tag">{enumLabel(t, "region", profile.region)}</span>
            </div>
          </div>
          <p className="prose">{profile.description}</p>
          <ProfileFacts fields={profile.fields} restricted={profile.restricted} />
          <p className="small">
            <Link to={`/orgs/${profile.orgId}`}>
              {enumLabel(t, "orgType", profile.type)} · {localName(profile.nameZh, profile.nameEn)}
            </Link>
          </p>
          {canReport ? <ReportLink type="organisation" id={profile.orgId} /> : null}
        </article>

        <aside className="stack-sm">
          <CreditRecord record={record} orgId={profile.orgId} own={profile.own} />
          <FilingRatings ratings={ratings} />
          {profile.own ? (
            <section className="card">
              <Link to="/profile" className="btn btn-primary btn-block">
                {t("profiles.nav.profile")}
              </Link>
            </section>
          ) : investor && watching ? (
            <>
              <section className="card stack-sm" data-testid="watch-box">
                <h2>{watching.watching ? t("profiles.watching") : t("profiles.watch")}</h2>
                <Form method="post" className="stack-sm" noValidate>
                  <TextArea
                    name="note"
                    label={t("profiles.note")}
                    hint={t("profiles.notePrivate")}
                    rows={3}
                    maxLength={2000}
                    data={failed}
                    defaultValue={watching.note ?? ""}
                  />
                  <div className="row">
                    <button type="submit" name="intent" value="watch" className="btn btn-primary" disabled={busy}>
                      {watching.watching ? t("profiles.saveNote") : t("profiles.watch")}
                    </button>
                    {watching.watching ? (
                      <button type="submit" name="intent" value="unwatch" className="btn btn-ghost" disabled={busy}>
                        {t("profiles.unwatch")}
                      </button>
                    ) : null}
                  </div>
                </Form>
              </section>
              <section className="card stack-sm" data-testid="intro-box">
                <h2>{t("profiles.requestIntro")}</h2>
                {sent ? (
                  <p className="alert alert-ok" role="status">
                    {t("profiles.introSent")}
                  </p>
                ) : null}
                {intro?.status === "pending" ? (
                  <p className="muted" data-testid="intro-state">
                    <StatusBadge status="pending" label={t("profiles.status.pending")} /> {t("profiles.introPendingNote")}
                  </p>
                ) : (
                  <>
                    {intro?.status === "accepted" ? (
                      <p className="muted" data-testid="intro-state">
                        {t("profiles.introAcceptedNote")} <Link to="/introductions">{t("profiles.nav.introductions")}</Link>
                      </p>
                    ) : null}
                    <CheckedForm schema={introductionSchema} answer={introFailed} className="stack-sm">
                      {(shown) => (
                        <>
                          <TextArea
                            name="message"
                            label={t("profiles.introMessage")}
                            hint={t("profiles.introMessageHint")}
                            rows={4}
                            maxLength={2000}
                            data={shown}
                            required
                          />
                          <button type="submit" name="intent" value="introduce" className="btn btn-primary" disabled={busy}>
                            {t("profiles.introSend")}
                          </button>
                        </>
                      )}
                    </CheckedForm>
                  </>
                )}
              </section>
            </>
          ) : (
            <section className="card">
              <p className="muted">{t("profiles.investorsOnlyAction")}</p>
              {!signedIn ? (
                <Link to={`/login?next=/enterprises/${profile.orgId}`} className="btn btn-ghost">
                  {t("nav.signIn")}
                </Link>
              ) : null}
            </section>
          )}
        </aside>
      </div>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
