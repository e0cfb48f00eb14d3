import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { serialize } from "cookie";
import { LOCALE_COOKIE, isLocale } from "~/i18n";
import { safeRedirect, readFormData } from "~/lib/http.server";
import { setMyLocale } from "~/models/accounts/users.server";

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readFormData(context, request);
  const locale = form?.get("locale");
  const returnTo = safeRedirect(form?.get("returnTo")?.toString(), "/");
  if (!isLocale(locale)) return redirect(returnTo);
  if (context.actor) await setMyLocale(context.db, context.actor, locale);
  return redirect(returnTo, {
    headers: {
      "Set-Cookie": serialize(LOCALE_COOKIE, locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax", httpOnly: true }),
    },
  });
}

export async function loader() {
  return redirect("/");
}
