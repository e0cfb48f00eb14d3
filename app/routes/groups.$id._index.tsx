import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { ConfirmButton } from "~/components/ui";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { uuidParam } from "~/models/core/params";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { FormError } from "~/components/forms";
import { GroupTabs } from "~/components/groups";
import { failure, guard, handleValues, readIntent, requireActor, routeUuid } from "~/lib/http.server";
import { GROUP_ROLES } from "~/models/core/enums";
import { joinDecisionSchema, joinRequestSchema } from "~/models/standards/group-schema";
import { decideJoin, getGroup, requestToJoin } from "~/models/standards/groups.server";
import { renderMarkdown } from "~/models/core/markdown.server";
import { titledBy } from "~/lib/page-meta";

export const meta = titledBy<{ group: { name: string } }>((d) => d.group.name);

export async function loader({ params, context }: LoaderFunctionArgs) {
  const id = routeUuid(params, "id");
  return guard(context, async () => {
    const group = await getGroup(context.db, context.actor, id);
    return json({ group, charterHtml: renderMarkdown(group.charter), signedIn: !!context.actor });
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const id = uuidParam.safeParse(params.id);
  const form = await readIntent(context, request);
  if (!id.success || !form) return failure(context, 400, {}, {}, "v.invalid");
  if (form.intent === "join") {
    return handleValues(context, form.values, joinRequestSchema, async ({ message }) => {
      await requestToJoin(context.db, actor, id.data, message, context.realtime);
      return json({ ok: true as const });
    });
  }
  if (form.intent === "decide") {
    return handleValues(context, form.values, joinDecisionSchema, async (data) => {
      await decideJoin(context.db, actor, id.data, data, context.realtime);
      return json({ ok: true as const });
    });
  }
  return failure(context, 400, form.values, {}, "v.invalid");
}

export default function GroupPage() {
  const { group, charterHtml, signedIn } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="stack">
      <GroupTabs groupId={group.id} name={group.name} rooms={group.rooms} />
      <FormError data={data} />
      <div className="listing-layout">
        <article className="card stack-sm">
          {group.nameEn ? <p className="muted">{group.nameEn}</p> : null}
          <p>
            <span className="tag">{t(`standards.types.${group.standardType}`)}</span>
          </p>
          <h2>{t("standards.scope")}</h2>
          <p className="prose">{group.scope}</p>
          <div className="markdown" dangerouslySetInnerHTML={{ __html: charterHtml }} />
          {group.milestones.length ? (
            <ol className="list">
              {group.milestones.map((m) => (
                <li key={m.label}>
                  <span>{m.label}</span>
                  <time className="muted" dateTime={m.due}>
                    {m.due}
                  </time>
                </li>
              ))}
            </ol>
          ) : null}
        </article>
        <aside className="stack-sm">
          <section className="card">
            <h2>{t("standards.convenors")}</h2>
            <ul className="list">
              {group.convenors.map((c) => (
                <li key={c.name}>
                  <span>{c.name}</span>
                  <span className="muted small">{c.org}</span>
                </li>
              ))}
            </ul>
            <h2>{t("standards.organisations")}</h2>
            <ul className="list" data-testid="group-orgs">
              {group.organisations.map((o) => (
                <li key={o.id}>
                  <Link to={`/orgs/${o.id}`}>{o.name}</Link>
                </li>
              ))}
            </ul>
          </section>
          {signedIn ? (
            <section className="card">
              {group.me?.status === "active" ? (
                <p>{t("standards.myRole", { role: t(`standards.roles.${group.me.role}`) })}</p>
              ) : group.me?.status === "pending" ? (
                <p className="muted">{t("standards.pendingMine")}</p>
              ) : (
                <Form method="post" className="stack-sm">
                  <label htmlFor="message">{t("standards.joinMessage")}</label>
                  <textarea id="message" name="message" rows={2} maxLength={500} />
                  <button type="submit" name="intent" value="join" className="btn btn-primary">
                    {t("standards.join")}
                  </button>
                </Form>
              )}
            </section>
          ) : null}
          {group.members.length ? (
            <section className="card">
              <h2>{t("standards.people")}</h2>
              <ul className="list">
                {group.members.map((m) => (
                  <li key={m.userId}>
                    <span>
                      {m.name}
                      <br />
                      <span className="muted small">{m.org}</span>
                    </span>
                    <span className="tag">{t(`standards.roles.${m.role}`)}</span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {group.pending.length ? (
            <section className="card">
              <h2>{t("standards.requests")}</h2>
              {group.pending.map((p) => (
                <Form method="post" key={p.userId} className="stack-sm todo" data-testid="join-request">
                  <span>
                    {p.name} · {p.org}
                    {p.message ? `${t("common.colon")}${p.message}` : ""}
                  </span>
                  <input type="hidden" name="intent" value="decide" />
                  <input type="hidden" name="userId" value={p.userId} />
                  <div className="row">
                    <select name="role" defaultValue="member" aria-label={t("standards.asRole")}>
                      {GROUP_ROLES.map((r) => (
                        <option key={r} value={r}>
                          {t(`standards.roles.${r}`)}
                        </option>
                      ))}
                    </select>
                    <button type="submit" name="decision" value="accept" className="btn btn-primary btn-sm">
                      {t("standards.accept")}
                    </button>
                    <ConfirmButton confirm={t("confirm.declineJoin")} name="decision" value="decline" className="btn btn-ghost btn-sm">
                      {t("standards.decline")}
                    </ConfirmButton>
                  </div>
                </Form>
              ))}
            </section>
          ) : null}
        </aside>
      </div>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
