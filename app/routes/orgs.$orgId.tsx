import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { uuidParam } from "~/models/core/params";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { FormError, SelectField, TextField } from "~/components/forms";
import { StatusBadge, ConfirmButton } from "~/components/ui";
import { enumLabel, enumOptions } from "~/lib/enums";
import { formatDate } from "~/lib/format";
import { failure, guard, handleValues, readIntent, requireActor, routeUuid } from "~/lib/http.server";
import { INVITABLE_ROLES, ORG_ROLES } from "~/models/core/enums";
import {
  changeMemberRole,
  getOrganisation,
  inviteMember,
  listInvitations,
  listMembers,
  removeMember,
  revokeInvitation,
} from "~/models/accounts/organisations.server";
import { canManageOrg, isSecretariat } from "~/models/core/permissions";
import { changeRoleSchema, idSchema, inviteSchema, memberRefSchema } from "~/models/accounts/account-schema";
import { useClientCheck } from "~/lib/client-check";
import { inReaderLanguage } from "~/lib/page-meta";
import { titledBy } from "~/lib/page-meta";
import { useLocalName } from "~/i18n/use-local-name";

import { orgRatings } from "~/models/trust/filings.server";
import { FilingRatings } from "~/components/filing-ratings";
import { ReportLink } from "~/components/trust";
import { reportCan } from "~/models/trust/reports.server";

export const meta = titledBy<{ org: { nameZh: string; nameEn?: string | null } }>((d, _t, locale) => inReaderLanguage(locale, d.org.nameZh, d.org.nameEn));

export async function loader({ params, context }: LoaderFunctionArgs) {
  const id = routeUuid(params, "orgId");
  const actor = context.actor;
  return guard(context, async () => {
    const org = await getOrganisation(context.db, actor, id);
    const seesMembers = actor?.org?.id === org.id || isSecretariat(actor);
    const manages = canManageOrg(actor, org.id);
    const [members, invitations, ratings] = await Promise.all([
      seesMembers ? listMembers(context.db, actor, org.id) : null,
      manages ? listInvitations(context.db, actor, org.id) : null,
      orgRatings(context.db, actor, org.id),
    ]);
    return json({ org, members, invitations, manages, me: actor?.id ?? null, ratings, canReport: org.status === "approved" && reportCan(actor, org.id) });
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const orgId = uuidParam.safeParse(params.orgId);
  const form = await readIntent(context, request);
  if (!orgId.success || !form) return failure(context, 400, {}, {}, "v.invalid");
  const done = () => json({ ok: true as const, intent: form.intent });
  switch (form.intent) {
    case "invite":
      return handleValues(context, form.values, inviteSchema, async (data) => {
        await inviteMember(context.db, actor, orgId.data, data, context.realtime, {
          links: { origin: context.publicUrl, locale: context.locale },
          mailer: context.mailer,
        });
        return done();
      });
    case "role":
      return handleValues(context, form.values, changeRoleSchema, async (data) => {
        await changeMemberRole(context.db, actor, orgId.data, data.userId, data.role, context.realtime);
        return done();
      });
    case "remove":
      return handleValues(context, form.values, memberRefSchema, async (data) => {
        await removeMember(context.db, actor, orgId.data, data.userId, context.realtime);
        return done();
      });
    case "revoke":
      return handleValues(context, form.values, idSchema, async (data) => {
        await revokeInvitation(context.db, actor, orgId.data, data.id);
        return done();
      });
    default:
      return failure(context, 400, form.values, {}, "v.invalid");
  }
}

export default function OrganisationPage() {
  const { org, members, invitations, manages, me, ratings, canReport } = useLoaderData<typeof loader>();
  const invite = useClientCheck(inviteSchema);
  const data = invite.shown(useActionData<typeof action>());
  const { t, i18n } = useTranslation();
  const localName = useLocalName();
  const invited = data && "intent" in data && data.intent === "invite";
  return (
    <div className="stack">
      <section className="card">
        <div className="row-between">
          <div>
            <h1>{localName(org.nameZh, org.nameEn)}</h1>
            {org.nameEn ? <p className="muted">{org.nameEn}</p> : null}
          </div>
          <StatusBadge status={org.status} label={enumLabel(t, "orgStatus", org.status)} />
        </div>
        {canReport ? <ReportLink type="organisation" id={org.id} /> : null}
        <dl className="facts">
          <dt>{t("org.type")}</dt>
          <dd>{enumLabel(t, "orgType", org.type)}</dd>
          <dt>{t("org.region")}</dt>
          <dd>{enumLabel(t, "region", org.region)}</dd>
          {org.creditCode ? (
            <>
              <dt>{t("org.creditCode")}</dt>
              <dd className="mono">{org.creditCode}</dd>
            </>
          ) : null}
          <dt>{t("org.joined")}</dt>
          <dd>{formatDate(org.createdAt, i18n.language)}</dd>
        </dl>
        <p className="prose">{org.description}</p>
        <h2>{t("org.contact")}</h2>
        {org.contact ? (
          <p data-testid="contact">
            {org.contact.name} · <a href={`mailto:${org.contact.email}`}>{org.contact.email}</a>
            {org.contact.phone ? ` · ${org.contact.phone}` : ""}
          </p>
        ) : (
          <p className="muted">{t("org.contactHidden")}</p>
        )}
      </section>

      <FilingRatings ratings={ratings} />

      {members ? (
        <section className="card" aria-labelledby="members-title">
          <h2 id="members-title">{t("org.members")}</h2>
          <FormError data={data} />
          <div className="table-wrap">
            <table>
              <tbody>
                {members.map((m) => (
                  <tr key={m.id}>
                    <td>
                      {m.display_name} {m.id === me ? <span className="muted">{t("org.you")}</span> : null}
                      <br />
                      <span className="muted small">{m.email}</span>
                    </td>
                    <td>
                      {manages && m.id !== me ? (
                        <Form method="post" className="inline">
                          <input type="hidden" name="userId" value={m.id} />
                          <select name="role" defaultValue={m.role} aria-label={t("org.role")}>
                            {enumOptions(t, "orgRole", ORG_ROLES).map((o) => (
                              <option key={o.value} value={o.value}>
                                {o.label}
                              </option>
                            ))}
                          </select>
                          <button type="submit" name="intent" value="role" className="btn btn-ghost btn-sm">
                            {t("org.changeRole")}
                          </button>
                          <ConfirmButton confirm={t("confirm.removeMember")} name="intent" value="remove" className="btn btn-danger btn-sm">
                            {t("org.remove")}
                          </ConfirmButton>
                        </Form>
                      ) : (
                        enumLabel(t, "orgRole", m.role)
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      {manages ? (
        <section className="card" aria-labelledby="invite-title">
          <div className="row-between">
            <h2 id="invite-title">{t("org.invite")}</h2>
            <Link to="/org/api-keys" className="btn btn-ghost btn-sm">
              {t("api.manageLink")}
            </Link>
          </div>
          {invited ? (
            <p className="alert alert-ok" role="status">
              {t("org.invited")}
            </p>
          ) : null}
          <Form method="post" noValidate className="form-inline" onSubmit={invite.onSubmit}>
            <TextField name="email" type="email" label={t("org.inviteEmail")} data={data} required />
            <SelectField
              name="role"
              label={t("org.inviteRole")}
              placeholder={t("apply.choose")}
              options={enumOptions(t, "orgRole", INVITABLE_ROLES)}
              data={data}
              required
            />
            <button type="submit" name="intent" value="invite" className="btn btn-primary">
              {t("org.sendInvite")}
            </button>
          </Form>
          {invitations && invitations.length > 0 ? (
            <>
              <h3>{t("org.pendingInvites")}</h3>
              <ul className="list">
                {invitations.map((inv) => (
                  <li key={inv.id}>
                    <span>
                      {inv.email} · {enumLabel(t, "orgRole", inv.role)}
                    </span>
                    <Form method="post">
                      <input type="hidden" name="id" value={inv.id} />
                      <button type="submit" name="intent" value="revoke" className="btn btn-ghost btn-sm">
                        {t("org.revoke")}
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
