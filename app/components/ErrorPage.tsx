import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Every route's ErrorBoundary: a friendly page in the user's language, never a stack trace. */
export function RouteErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message =
    isRouteErrorResponse(error) && typeof error.data?.message === "string"
      ? error.data.message
      : status === 404
        ? t("errors.notFound")
        : t("errors.generic");
  return (
    <section className="card error-page" role="alert">
      <p className="error-code">{status}</p>
      <h1>{status === 404 ? t("errors.notFoundTitle") : t("errors.title")}</h1>
      <p>{message}</p>
      <Link to="/" className="btn btn-primary">{t("errors.backHome")}</Link>
    </section>
  );
}
