import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { recordSignOut } from "~/models/accounts/users.server";

export async function action({ context }: ActionFunctionArgs) {
  if (context.sessionId) {
    await context.lucia.invalidateSession(context.sessionId);
    if (context.actor) await recordSignOut(context.db, context.actor);
    context.realtime.disconnect({ sessionId: context.sessionId });
  }
  return redirect("/", { headers: { "Set-Cookie": context.lucia.createBlankSessionCookie().serialize() } });
}

export async function loader() {
  return redirect("/");
}
