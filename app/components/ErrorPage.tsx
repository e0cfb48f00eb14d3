import { Link, isRouteErrorResponse, useLocation, useRouteError } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { useRootData } from "~/lib/root-data";

/** Every route's ErrorBoundary: a friendly page in the user's language, never a stack trace. */
export function RouteErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const signedIn = !!useRootData()?.user;
  const location = useLocation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message =
    isRouteErrorResponse(error) && typeof error.data?.message === "string" ? error.data.message : status === 404 ? t("errors.notFound") : t("errors.generic");
  // A group's members-only page (ballots, meetings, channel) points a signed-in non-member to the
  // group's page, where they can ask to join, instead of a dead end.
  const group = status === 403 && signedIn ? /^\/groups\/([0-9a-f-]{36})\/./.exec(location.pathname)?.[1] : undefined;
  return (
    <section className="card error-page" role="alert">
      <p className="error-code">{status}</p>
      <h1>{status === 404 ? t("errors.notFoundTitle") : t("errors.title")}</h1>
      <p>{message}</p>
      {group ? <p>{t("errors.groupMembersOnly")}</p> : null}
      <div className="actions">
        {group ? (
          <Link to={`/groups/${group}`} className="btn btn-primary" data-testid="join-group">
            {t("errors.toGroup")}
          </Link>
        ) : null}
        {/* Where membership is needed, a visitor is offered the way in, not a dead end. */}
        {status === 403 && !signedIn ? (
          <Link to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} className="btn btn-primary">
            {t("nav.signIn")}
          </Link>
        ) : null}
        <Link to="/" className={(status === 403 && !signedIn) || group ? "btn btn-ghost" : "btn btn-primary"}>
          {t("errors.backHome")}
        </Link>
      </div>
    </section>
  );
}
