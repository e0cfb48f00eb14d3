import { json } from "@remix-run/node";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { titled } from "~/lib/page-meta";
import { SHELL_ONLY } from "~/i18n/catalog-parts";

/** Rendered from the shell part of the catalog (i18n/catalog-parts.ts). */
export const handle = SHELL_ONLY;

export const meta = titled("errors.notFoundTitle");

export async function loader() {
  throw json({ message: null }, { status: 404 });
}

export default function NotFound() {
  return null;
}

export const ErrorBoundary = RouteErrorBoundary;
