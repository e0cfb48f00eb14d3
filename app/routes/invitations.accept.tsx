import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { getT } from "~/i18n";
import { handleForm, requireActor } from "~/lib/http.server";
import { enumLabel } from "~/lib/enums";
import { acceptInvitationByToken, invitationByToken } from "~/models/accounts/organisations.server";
import { TOKEN_PATTERN } from "~/models/accounts/tokens.server";
import { titled } from "~/lib/page-meta";

export const meta = titled("mail.invitationTitle");

const tokenParam = z.string().regex(TOKEN_PATTERN);

/** The invitation link from the mail: who invites, as what; accepting needs a signed-in, confirmed account. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const token = tokenParam.safeParse(new URL(request.url).searchParams.get("token"));
  const invitation = token.success ? await invitationByToken(context.db, token.data) : null;
  if (!invitation) throw json({ message: getT(context.locale)("mail.linkInvalid") }, { status: 404 });
  return json({
    token: token.data!,
    org: context.locale === "en" && invitation.name_en ? invitation.name_en : invitation.name_zh,
    role: invitation.role,
    signedIn: !!context.actor,
    verified: !!context.actor?.emailVerified,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  return handleForm(context, request, z.object({ token: tokenParam }), async ({ token }) => {
    await acceptInvitationByToken(context.db, actor, token);
    return redirect("/home");
  });
}

export default function AcceptInvitation() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const here = useLocation();
  const next = encodeURIComponent(here.pathname + here.search);
  return (
    <section className="card narrow" data-testid="invitation">
      <h1>{t("mail.invitationTitle")}</h1>
      <p>{t("mail.invitationIntro", { org: d.org, role: enumLabel(t, "orgRole", d.role) })}</p>
      {!d.signedIn ? (
        <>
          <p className="muted">{t("mail.invitationSignIn")}</p>
          <p className="row">
            <Link className="btn btn-primary" to={`/login?next=${next}`}>
              {t("auth.submitSignIn")}
            </Link>
            <Link className="btn btn-ghost" to={`/signup?next=${next}`}>
              {t("auth.submitSignUp")}
            </Link>
          </p>
        </>
      ) : !d.verified ? (
        <p className="alert alert-error">{t("mail.verifyFirst")}</p>
      ) : (
        <Form method="post">
          <input type="hidden" name="token" value={d.token} />
          <button type="submit" className="btn btn-primary">
            {t("mail.invitationAccept")}
          </button>
        </Form>
      )}
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
