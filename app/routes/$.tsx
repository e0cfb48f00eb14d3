import { json } from "@remix-run/node";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { titled } from "~/lib/page-meta";

export const meta = titled("errors.notFoundTitle");

export async function loader() {
  throw json({ message: null }, { status: 404 });
}

export default function NotFound() {
  return null;
}

export const ErrorBoundary = RouteErrorBoundary;
