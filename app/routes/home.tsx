import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { EmptyState, PageHeader, StatusBadge } from "~/components/ui";
import { enumLabel } from "~/lib/enums";
import { formatDateTime } from "~/lib/format";
import { domainResponse, guard, readIntent, requireActor } from "~/lib/http.server";
import { isDomainError } from "~/models/core/errors";
import { acceptInvitation, getOrganisation, listMyInvitations, listPendingApplications } from "~/models/accounts/organisations.server";
import { NotificationText } from "~/components/notifications";
import { listMyNotifications, markAllRead } from "~/models/core/notifications.server";
import { canManageOrg, isManagerRole, isSecretariat } from "~/models/core/permissions";
import { idSchema } from "~/models/accounts/account-schema";
import { titled } from "~/lib/page-meta";
import { getT } from "~/i18n";
import { firstSteps } from "~/models/directory/first-steps.server";
import { useLocalName } from "~/i18n/use-local-name";

export const meta = titled("nav.home");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const t = getT(context.locale);
  return guard(context, async () => {
    const [org, invitations, notifications, queue, steps] = await Promise.all([
      actor.org ? getOrganisation(context.db, actor, actor.org.id) : null,
      listMyInvitations(context.db, actor),
      listMyNotifications(context.db, actor, 10),
      isSecretariat(actor) ? listPendingApplications(context.db, actor) : null,
      firstSteps(context.db, actor),
    ]);
    const verifiedNow = new URL(request.url).searchParams.has("verified");
    return json({
      actor: {
        displayName: actor.displayName,
        orgRole: actor.org?.role ?? null,
        // Asked to set up two-factor sign-in: whoever holds a managing role, approved yet or not.
        managerRole: isManagerRole(actor.org?.role),
        managesOrg: canManageOrg(actor, actor.org?.id),
        email: actor.email,
        emailVerified: actor.emailVerified,
        twoFactorEnabled: actor.twoFactorEnabled,
      },
      verifiedNow,
      org,
      invitations,
      notifications,
      queueSize: queue?.length ?? null,
      // Translated here: the first steps' texts stay out of the catalogue every page downloads.
      steps: steps && {
        title: t("firstSteps.title"),
        intro: t("firstSteps.intro"),
        items: steps.map((s) => ({
          ...s,
          label: t(`firstSteps.${s.id}`),
          hint: t(`firstSteps.${s.id}Hint`, { percent: s.percent ?? 0 }),
          state: s.done ? t("firstSteps.done") : t("firstSteps.todo"),
        })),
      },
    });
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const form = await readIntent(context, request);
  try {
    if (form?.intent === "accept") {
      const { id } = idSchema.parse(form.values);
      await acceptInvitation(context.db, actor, id);
      return redirect("/home");
    }
    if (form?.intent === "read") {
      await markAllRead(context.db, actor);
      return redirect("/home");
    }
  } catch (e) {
    if (isDomainError(e)) throw domainResponse(context, e);
    throw json({ message: "bad request" }, { status: 400 });
  }
  throw json({ message: "bad request" }, { status: 400 });
}

export default function Home() {
  const { actor, verifiedNow, org, invitations, notifications, queueSize, steps } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const localName = useLocalName();
  const resend = useFetcher<{ message?: string }>();
  return (
    <div className="stack">
      <PageHeader title={t("home.welcome", { name: actor.displayName })} />
      {verifiedNow && actor.emailVerified ? (
        <p className="alert alert-ok" role="status" data-testid="verified">
          {t("mail.verifiedNotice")}
        </p>
      ) : null}
      {!actor.emailVerified ? (
        <div className="alert alert-error row-between" role="status" data-testid="verify-banner">
          <span>{resend.data?.message ?? t("mail.verifyBanner", { email: actor.email })}</span>
          <resend.Form method="post" action="/verify-email">
            <button type="submit" className="btn btn-sm btn-ghost" disabled={resend.state !== "idle"}>
              {t("mail.resend")}
            </button>
          </resend.Form>
        </div>
      ) : null}
      {actor.emailVerified && !actor.twoFactorEnabled && actor.managerRole ? (
        <div className="alert alert-ok row-between" data-testid="encourage-2fa">
          <span>{t("mail.encourage")}</span>
          <Link to="/account/security" className="btn btn-sm btn-ghost">
            {t("mail.setUp")}
          </Link>
        </div>
      ) : null}
      {steps ? (
        <section className="card stack-sm" aria-labelledby="first-steps" data-testid="first-steps">
          <h2 id="first-steps">{steps.title}</h2>
          <p>{steps.intro}</p>
          <ol className="first-steps">
            {steps.items.map((s) => (
              <li key={s.id} className={s.done ? "done" : "todo"}>
                <StatusBadge status={s.done ? "approved" : "draft"} label={s.state} /> {s.done ? <span>{s.label}</span> : <Link to={s.href}>{s.label}</Link>}
                <p className="muted small">{s.hint}</p>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <div className="grid grid-2">
        <section className="card" aria-labelledby="my-org">
          <h2 id="my-org">{!org && queueSize !== null ? t("home.staffTools") : t("home.myOrg")}</h2>
          {org ? (
            <div className="stack-sm" data-testid="my-org">
              <p className="org-title">
                <Link to={`/orgs/${org.id}`}>{localName(org.nameZh, org.nameEn)}</Link>{" "}
                <StatusBadge status={org.status} label={enumLabel(t, "orgStatus", org.status)} />
              </p>
              <p>{t(`home.status_${org.status}`)}</p>
              {org.status === "rejected" && org.reviewReason ? <p className="alert alert-error">{t("home.reason", { reason: org.reviewReason })}</p> : null}
              {org.status === "rejected" ? (
                <Link to="/apply" className="btn btn-primary">
                  {t("home.resubmit")}
                </Link>
              ) : null}
              {actor.orgRole ? <p className="muted">{t("home.myRole", { role: enumLabel(t, "orgRole", actor.orgRole) })}</p> : null}
              {actor.managesOrg ? (
                <Link to={`/orgs/${org.id}`} className="btn btn-ghost">
                  {t("home.manageOrg")}
                </Link>
              ) : null}
            </div>
          ) : queueSize !== null ? (
            <div className="stack-sm" data-testid="staff-tools">
              <p className="muted">{t("home.staffIntro")}</p>
              <div className="row">
                <Link to="/admin/review" className="btn btn-ghost">
                  {t("nav.review")}
                </Link>
                <Link to="/admin/listings" className="btn btn-ghost">
                  {t("listings.reviewQueue")}
                </Link>
                <Link to="/admin/catalog" className="btn btn-ghost">
                  {t("scenarios.adminTitle")}
                </Link>
                <Link to="/admin/audit" className="btn btn-ghost">
                  {t("nav.audit")}
                </Link>
                <Link to="/admin/crossborder" className="btn btn-ghost">
                  {t("crossborder.adminTitle")}
                </Link>
              </div>
            </div>
          ) : (
            <EmptyState
              action={
                <Link to="/apply" className="btn btn-primary">
                  {t("home.applyCta")}
                </Link>
              }
            >
              {t("home.noOrg")}
            </EmptyState>
          )}
        </section>

        <section className="card" aria-labelledby="pending">
          <h2 id="pending">{t("home.pendingItems")}</h2>
          {queueSize !== null ? (
            <div className="todo">
              <span>{t("home.reviewQueueCount", { count: queueSize })}</span>
              <Link to="/admin/review" className="btn btn-primary">
                {t("home.goReview")}
              </Link>
            </div>
          ) : null}
          {invitations.map((inv) => (
            <Form method="post" key={inv.id} className="todo">
              <span>{t("home.invitation", { org: inv.name_zh, role: enumLabel(t, "orgRole", inv.role) })}</span>
              <input type="hidden" name="id" value={inv.id} />
              <button type="submit" name="intent" value="accept" className="btn btn-primary">
                {t("home.accept")}
              </button>
            </Form>
          ))}
          {queueSize === null && invitations.length === 0 ? <EmptyState>{t("home.noPending")}</EmptyState> : null}
        </section>
      </div>

      <section className="card" id="notifications" aria-labelledby="notes-title">
        <div className="row-between">
          <h2 id="notes-title">{t("home.notifications")}</h2>
          <div className="row-gap">
            {notifications.some((n) => !n.read_at) ? (
              <Form method="post">
                <button type="submit" name="intent" value="read" className="btn btn-ghost btn-sm">
                  {t("home.markRead")}
                </button>
              </Form>
            ) : null}
            <Link to="/notifications" className="btn btn-ghost btn-sm">
              {t("notices.all")}
            </Link>
          </div>
        </div>
        {notifications.length === 0 ? (
          <EmptyState>{t("home.noNotifications")}</EmptyState>
        ) : (
          <ul className="list">
            {notifications.map((n) => (
              <li key={n.id} className={n.read_at ? "" : "unread"}>
                <NotificationText kind={n.kind} payload={n.payload} />
                <time className="muted" dateTime={String(n.created_at)}>
                  {formatDateTime(n.created_at, i18n.language)}
                </time>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
