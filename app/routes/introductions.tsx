import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { FormError } from "~/components/forms";
import { vocabLabel } from "~/components/profiles";
import { EmptyState, PageHeader, StatusBadge, ConfirmButton } from "~/components/ui";
import { enumLabel } from "~/lib/enums";
import { formatDateTime } from "~/lib/format";
import { failure, guard, handleValues, readIntent, requireActor } from "~/lib/http.server";
import { answerIntroduction, listIntroductions, type IntroductionView } from "~/models/directory/introductions.server";
import { getInvestorProfile, type InvestorProfileView } from "~/models/directory/investors.server";
import { answerSchema } from "~/models/directory/profile-schema";
import { titled } from "~/lib/page-meta";

export const meta = titled("profiles.introsTitle", "profiles.introsIntro");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  return guard(context, async () => {
    const { incoming, outgoing } = await listIntroductions(context.db, actor);
    const investorIds = [...new Set(incoming.map((i) => i.counterpart.orgId))];
    const investors: Record<string, InvestorProfileView> = {};
    for (const id of investorIds) investors[id] = await getInvestorProfile(context.db, actor, id);
    return json({ incoming, outgoing, investors });
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const form = await readIntent(context, request);
  if (!form) return failure(context, 400, {}, {}, "v.invalid");
  return handleValues(context, { ...form.values, decision: form.values.decision ?? form.intent }, answerSchema, async (data) => {
    const status = await answerIntroduction(context.db, actor, data.id, data.decision, data.note, context.realtime);
    return json({ ok: true as const, status });
  });
}

type Intro = Omit<IntroductionView, "createdAt" | "respondedAt"> & { createdAt: string; respondedAt: string | null };

function Contact({ intro }: { intro: Intro }) {
  const { t } = useTranslation();
  if (!intro.contact) return <p className="muted small">{t("profiles.contactAfterAccept")}</p>;
  return (
    <p className="pf-contact" data-testid="intro-contact">
      <strong>{t("profiles.contact")}:</strong> {intro.contact.name} · <a href={`mailto:${intro.contact.email}`}>{intro.contact.email}</a>
      {intro.contact.phone ? ` · ${intro.contact.phone}` : ""}
    </p>
  );
}

export default function Introductions() {
  const { incoming, outgoing, investors } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t, i18n } = useTranslation();
  const status = (s: string) => (
    <StatusBadge status={s === "accepted" ? "approved" : s === "declined" ? "rejected" : "pending"} label={t(`profiles.status.${s}`)} />
  );
  return (
    <div className="stack">
      <PageHeader title={t("profiles.introsTitle")} intro={t("profiles.introsIntro")} />
      <FormError data={data && "ok" in data && data.ok ? undefined : data} />
      <section className="card" aria-labelledby="pf-incoming">
        <h2 id="pf-incoming">{t("profiles.incoming")}</h2>
        {incoming.length === 0 ? (
          <EmptyState>{t("profiles.noIncoming")}</EmptyState>
        ) : (
          <ul className="pf-intros" data-testid="incoming">
            {incoming.map((i) => {
              const inv = investors[i.counterpart.orgId];
              return (
                <li key={i.id} className="pf-intro" data-testid="intro">
                  <div className="row-between">
                    <strong>{i.counterpart.nameZh}</strong>
                    {status(i.status)}
                  </div>
                  <p className="muted small">{formatDateTime(i.createdAt, i18n.language)}</p>
                  {inv ? (
                    <p className="small">
                      {inv.focusSectors.map((s) => enumLabel(t, "sector", s)).join("、")}
                      {inv.stages.length ? ` · ${inv.stages.map((s) => vocabLabel(t, "fundingStage", s)).join("、")}` : ""}
                      {inv.ticketMax !== null ? ` · ${t("profiles.investor.ticketRange", { min: inv.ticketMin ?? 0, max: inv.ticketMax })}` : ""}
                    </p>
                  ) : null}
                  <p className="prose">{i.message}</p>
                  {i.responseNote ? <p className="muted small prose">{i.responseNote}</p> : null}
                  <Contact intro={i} />
                  {i.canAnswer ? (
                    <Form method="post" className="stack-sm">
                      <input type="hidden" name="id" value={i.id} />
                      <label htmlFor={`note-${i.id}`} className="small">
                        {t("profiles.responseNote")}
                      </label>
                      <textarea id={`note-${i.id}`} name="note" rows={2} maxLength={1000} />
                      <div className="row">
                        <button type="submit" name="intent" value="accept" className="btn btn-primary btn-sm" disabled={busy}>
                          {t("profiles.accept")}
                        </button>
                        <ConfirmButton confirm={t("confirm.declineIntro")} name="intent" value="decline" className="btn btn-ghost btn-sm" disabled={busy}>
                          {t("profiles.decline")}
                        </ConfirmButton>
                      </div>
                    </Form>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="pf-outgoing">
        <h2 id="pf-outgoing">{t("profiles.outgoing")}</h2>
        {outgoing.length === 0 ? (
          <EmptyState
            action={
              <Link to="/enterprises" className="btn btn-ghost">
                {t("profiles.browse")}
              </Link>
            }
          >
            {t("profiles.noOutgoing")}
          </EmptyState>
        ) : (
          <ul className="pf-intros" data-testid="outgoing">
            {outgoing.map((i) => (
              <li key={i.id} className="pf-intro" data-testid="intro">
                <div className="row-between">
                  <Link to={`/enterprises/${i.counterpart.orgId}`}>
                    <strong>{i.counterpart.nameZh}</strong>
                  </Link>
                  {status(i.status)}
                </div>
                <p className="muted small">{formatDateTime(i.createdAt, i18n.language)}</p>
                <p className="prose">{i.message}</p>
                {i.responseNote ? <p className="muted small prose">{i.responseNote}</p> : null}
                <Contact intro={i} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
