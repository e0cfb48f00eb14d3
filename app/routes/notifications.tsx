import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { NotificationText } from "~/components/notifications";
import { EmptyState, PageHeader, Pager } from "~/components/ui";
import { formatDateTime } from "~/lib/format";
import { guard, handleForm, requireActor } from "~/lib/http.server";
import { bigserialId } from "~/models/core/params";
import { NOTIFICATION_AREAS } from "~/models/core/notification-links";
import { markAllRead, markRead, notificationCentre } from "~/models/core/notifications.server";
import { titled } from "~/lib/page-meta";

export const meta = titled("notices.title", "notices.intro");

const filterSchema = z.object({
  unread: z.literal("1").optional().catch(undefined),
  area: z.enum(NOTIFICATION_AREAS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const filter = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return guard(context, async () => {
    const found = await notificationCentre(context.db, actor, { unread: filter.unread === "1", area: filter.area ?? null, page: filter.page });
    return json({ filter, ...found });
  });
}

const actionSchema = z.discriminatedUnion("intent", [z.object({ intent: z.literal("read"), id: bigserialId }), z.object({ intent: z.literal("read_all") })]);

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  return handleForm(context, request, actionSchema, async (input) => {
    if (input.intent === "read") await markRead(context.db, actor, input.id);
    else await markAllRead(context.db, actor);
    return json({ ok: true as const });
  });
}

export default function Notifications() {
  const { filter, items, total, pageSize } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const link = (change: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    next.delete("page");
    for (const [k, v] of Object.entries(change)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    return `?${next}`;
  };
  return (
    <div className="stack">
      <PageHeader title={t("notices.title")} intro={t("notices.intro")} />
      <div className="card filters" role="group" aria-label={t("notices.filter")}>
        <div className="row-gap">
          <Link to={link({ unread: null })} className={filter.unread ? "chip" : "chip chip-on"} aria-current={filter.unread ? undefined : "true"}>
            {t("notices.everything")}
          </Link>
          <Link to={link({ unread: "1" })} className={filter.unread ? "chip chip-on" : "chip"} aria-current={filter.unread ? "true" : undefined}>
            {t("notices.unread")}
          </Link>
        </div>
        <div className="row-gap">
          <Link to={link({ area: null })} className={filter.area ? "chip" : "chip chip-on"}>
            {t("notices.allAreas")}
          </Link>
          {NOTIFICATION_AREAS.map((a) => (
            <Link key={a} to={link({ area: a })} className={filter.area === a ? "chip chip-on" : "chip"} aria-current={filter.area === a ? "true" : undefined}>
              {t(`notices.areas.${a}`)}
            </Link>
          ))}
        </div>
        <Form method="post">
          <button type="submit" name="intent" value="read_all" className="btn btn-ghost btn-sm">
            {t("home.markRead")}
          </button>
        </Form>
      </div>
      <p className="muted">
        {t("notices.total", { count: total })} · <Link to="/account/notifications">{t("mail.cadenceTitle")}</Link>
      </p>
      {items.length === 0 ? (
        <EmptyState>{filter.unread ? t("notices.noneUnread") : t("home.noNotifications")}</EmptyState>
      ) : (
        <ul className="list card" data-testid="notices">
          {items.map((n) => (
            <li key={n.id} className={n.read_at ? "notice read" : "notice unread"} data-state={n.read_at ? "read" : "unread"}>
              <span className="notice-text">
                <span className="notice-dot" aria-hidden="true" />
                <span className="sr-only">{n.read_at ? t("notices.readMark") : t("notices.unreadMark")}</span>
                <NotificationText kind={n.kind} payload={n.payload} />
              </span>
              <div className="row-gap">
                <time className="muted small" dateTime={String(n.created_at)}>
                  {formatDateTime(n.created_at, i18n.language)}
                </time>
                {n.read_at ? null : (
                  <Form method="post">
                    <input type="hidden" name="id" value={n.id} />
                    <button type="submit" name="intent" value="read" className="linklike small">
                      {t("notices.markOne")}
                    </button>
                  </Form>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pager
        page={Math.min(filter.page, pages)}
        pages={pages}
        prevLabel={t("directory.prev")}
        nextLabel={t("directory.next")}
        pageLabel={t("common.page", { page: Math.min(filter.page, pages) })}
      />
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
