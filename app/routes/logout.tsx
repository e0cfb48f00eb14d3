import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";

export async function action({ context }: ActionFunctionArgs) {
  if (context.sessionId) await context.lucia.invalidateSession(context.sessionId);
  return redirect("/", { headers: { "Set-Cookie": context.lucia.createBlankSessionCookie().serialize() } });
}

export async function loader() {
  return redirect("/");
}
