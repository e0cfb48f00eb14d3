import { json } from "@remix-run/node";
import { RouteErrorBoundary } from "~/components/ErrorPage";

export async function loader() {
  throw json({ message: null }, { status: 404 });
}

export default function NotFound() {
  return null;
}

export const ErrorBoundary = RouteErrorBoundary;
