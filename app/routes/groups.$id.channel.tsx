import type { LoaderFunctionArgs } from "@remix-run/node";
import { reportCan } from "~/models/trust/reports.server";
import { InlineReportLink } from "~/components/moderation";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "~/i18n/use-translation";
import { sendOnEnter } from "~/lib/composer-keys";
import { bigserialId } from "~/models/core/params";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { GroupTabs } from "~/components/groups";
import { formatDateTime } from "~/lib/format";
import { guard, requireActor, routeUuid } from "~/lib/http.server";
import { RESYNC_EVENT, getSocket } from "~/lib/socket";
import { CHANNEL_MESSAGE_MAX_BYTES } from "~/models/standards/collab-schema";
import { getGroupHeader } from "~/models/standards/groups.server";
import { groupMessagesBefore, requireChannelReader } from "~/models/standards/group-channel.server";
import { titledBy } from "~/lib/page-meta";

export const meta = titledBy<{ group: { name: string } }>((d, t) => `${t("standards.tabs.channel")} · ${d.group.name}`);

const beforeParam = bigserialId.nullable();

/** The latest page (or the page before ?before=id); live messages follow over the socket. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const id = routeUuid(params, "id");
  const before = beforeParam.safeParse(new URL(request.url).searchParams.get("before"));
  return guard(context, async () => {
    const access = await requireChannelReader(context.db, actor, id);
    const page = await groupMessagesBefore(context.db, actor, id, before.success ? before.data : null);
    const group = await getGroupHeader(context.db, actor, id);
    return json({ group: { id: group.id, name: group.name }, access, page, me: actor.id, canReport: reportCan(actor, null) });
  });
}

type Message = { id: string; groupId: string; authorId: string; authorName: string; body: string; hidden: boolean; createdAt: string | Date };
type Socket = Awaited<ReturnType<typeof getSocket>>;

/** Like useThread on the negotiation page: loader messages, then live ones; on reconnect, everything after the last id. */
function useGroupChannel(groupId: string, initial: Message[]) {
  const [messages, setMessages] = useState(initial);
  const [online, setOnline] = useState(true);
  // In the room and caught up: live messages arrive from here on.
  const [joined, setJoined] = useState(false);
  const last = useRef(initial.at(-1)?.id ?? null);
  const socketRef = useRef<Socket | null>(null);
  const merge = (incoming: Message[]) =>
    setMessages((current) => {
      const byId = new Map(current.map((m) => [m.id, m]));
      let changed = false;
      for (const m of incoming) {
        const old = byId.get(m.id);
        if (!old || old.hidden !== m.hidden) {
          byId.set(m.id, m);
          changed = true;
        }
      }
      if (!changed) return current;
      const next = [...byId.values()].sort((a, b) => Number(a.id) - Number(b.id));
      const top = next.at(-1)!.id;
      if (!last.current || Number(top) > Number(last.current)) last.current = top;
      return next;
    });
  useEffect(() => merge(initial), [initial]);
  useEffect(() => {
    const join = (s: Socket) =>
      s.emit("group:join", { groupId, afterId: last.current }, (reply: { ok: boolean; messages?: Message[]; hasMore?: boolean }) => {
        if (reply.ok) setJoined(true);
        if (reply.ok && reply.messages) {
          merge(reply.messages);
          const top = reply.messages.at(-1)?.id;
          if (top && (!last.current || Number(top) > Number(last.current))) last.current = top;
          if (reply.hasMore && top) join(s);
        }
      });
    const onMessage = (m: Message) => m.groupId === groupId && merge([m]);
    let socket: Socket | null = null;
    const onConnect = () => {
      setOnline(true);
      if (socket) join(socket);
    };
    const onDisconnect = () => {
      setOnline(false);
      setJoined(false);
    };
    void getSocket().then((s) => {
      socket = s;
      socketRef.current = s;
      s.on("group:message", onMessage);
      s.on("group:hidden", onMessage);
      s.on("connect", onConnect);
      s.on(RESYNC_EVENT, onConnect);
      s.on("disconnect", onDisconnect);
      if (s.connected) join(s);
    });
    return () => {
      socket?.emit("group:leave", { groupId });
      socket?.off("group:message", onMessage);
      socket?.off("group:hidden", onMessage);
      socket?.off("connect", onConnect);
      socket?.off(RESYNC_EVENT, onConnect);
      socket?.off("disconnect", onDisconnect);
    };
  }, [groupId]);
  const send = (event: string, payload: unknown) =>
    new Promise<{ ok: boolean; error?: string; retryable?: boolean; messages?: Message[]; hasMore?: boolean; message?: Message }>((resolve) => {
      if (!socketRef.current) return resolve({ ok: false });
      socketRef.current.timeout(10_000).emit(event, payload, (err: unknown, reply: { ok: boolean; error?: string }) => resolve(err ? { ok: false } : reply));
    });
  return { messages, online, joined, merge, send };
}

interface Unsent {
  clientId: string;
  body: string;
  writtenAt: string;
  /** Shown once a try failed; until then it is simply on its way. */
  failed?: boolean;
}

export default function ChannelPage() {
  const { group, access, page, me, canReport } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const { messages, online, joined, merge, send } = useGroupChannel(group.id, page.messages);
  const [hasMore, setHasMore] = useState(page.hasMore);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const listRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    listRef.current?.lastElementChild?.scrollIntoView({ block: "nearest" });
  }, [messages.length]);

  const older = async () => {
    const reply = await send("group:history", { groupId: group.id, beforeId: messages[0]?.id ?? null });
    if (reply.ok && reply.messages) {
      merge(reply.messages);
      setHasMore(!!reply.hasMore);
    }
  };
  // Messages the server has not confirmed stay here, named by the client, and go out again when the
  // connection is back; the server recognises a replay by its name and never stores it twice.
  const [unsent, setUnsent] = useState<Unsent[]>([]);
  const deliver = async (m: Unsent) => {
    const reply = await send("group:message", { groupId: group.id, body: m.body, clientId: m.clientId, writtenAt: m.writtenAt });
    if (reply.ok && reply.message) {
      merge([reply.message]);
      setUnsent((list) => list.filter((u) => u.clientId !== m.clientId));
      setError(null);
      return true;
    }
    // Refused for what it is (too long, read-only): drop it and say why. Otherwise it waits.
    if (reply.error && reply.retryable === false) {
      setUnsent((list) => list.filter((u) => u.clientId !== m.clientId));
      setError(reply.error);
    } else setUnsent((list) => list.map((u) => (u.clientId === m.clientId ? { ...u, failed: true } : u)));
    return false;
  };
  const unsentRef = useRef(unsent);
  unsentRef.current = unsent;
  useEffect(() => {
    if (!online) return;
    void (async () => {
      for (const m of unsentRef.current) if (!(await deliver(m))) break;
    })();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [online]);
  const post = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const body = String(new FormData(form).get("body") ?? "");
    if (!body.trim()) return setError(t("v.required"));
    if (new TextEncoder().encode(body).length > CHANNEL_MESSAGE_MAX_BYTES) return setError(t("collab.errors.tooLarge"));
    const m: Unsent = { clientId: crypto.randomUUID(), body, writtenAt: new Date().toISOString() };
    setUnsent((list) => [...list, m]);
    form.reset();
    setBusy(true);
    await deliver(m);
    setBusy(false);
  };
  const hide = async (id: string) => {
    const reply = await send("group:hide", { groupId: group.id, messageId: id });
    if (reply.ok && reply.message) merge([reply.message]);
    else setError(reply.error ?? t("collab.channel.sendFailed"));
  };

  return (
    <div className="stack">
      <GroupTabs groupId={group.id} name={group.name} />
      <section className="card" aria-labelledby="channel-title">
        <div className="row-between">
          <h2 id="channel-title">{t("collab.channel.title")}</h2>
          {!online ? (
            <span className="muted small" role="status">
              {t("collab.channel.offline")}
            </span>
          ) : null}
        </div>
        {hasMore ? (
          <button type="button" className="btn btn-ghost btn-sm" onClick={older}>
            {t("collab.channel.older")}
          </button>
        ) : null}
        {messages.length === 0 ? <p className="muted">{t("collab.channel.empty")}</p> : null}
        {unsent.some((m) => m.failed) ? (
          <ul className="co-unsent" data-testid="unsent" aria-live="polite">
            {unsent
              .filter((m) => m.failed)
              .map((m) => (
                <li key={m.clientId}>
                  <span>{m.body}</span> <span className="muted small">{t("collab.channel.unsent")}</span>{" "}
                  <button type="button" className="btn btn-ghost btn-sm" onClick={() => void deliver(m)}>
                    {t("collab.channel.retry")}
                  </button>
                </li>
              ))}
          </ul>
        ) : null}
        {/* A log: new messages are read out politely; focusable so the keyboard can scroll it. */}
        <div
          className="thread co-channel"
          ref={listRef}
          data-testid="channel"
          role="log"
          aria-live="polite"
          aria-busy={!joined}
          aria-labelledby="channel-title"
          tabIndex={0}
        >
          {messages.map((m) => (
            <div key={m.id} className={m.authorId === me ? "msg mine" : "msg"}>
              <span className="msg-meta">
                {m.authorName} · {formatDateTime(m.createdAt, i18n.language)}
                {canReport && m.authorId !== me && !m.hidden && /^\d+$/.test(m.id) ? (
                  <>
                    {" "}
                    <InlineReportLink type="group_message" id={m.id} />
                  </>
                ) : null}
                {access.canModerate && !m.hidden ? (
                  <button type="button" className="co-hide" onClick={() => hide(m.id)}>
                    {t("collab.channel.hide")}
                  </button>
                ) : null}
              </span>
              {m.hidden ? <span className="msg-body co-hidden">{t("collab.channel.hidden")}</span> : <span className="msg-body">{m.body}</span>}
            </div>
          ))}
        </div>
        {access.canPost ? (
          <form onSubmit={post} className="composer" noValidate>
            <textarea
              name="body"
              rows={2}
              placeholder={t("collab.channel.placeholder")}
              aria-label={t("collab.channel.placeholder")}
              aria-describedby="composer-keys"
              onKeyDown={sendOnEnter}
              required
            />
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {t("collab.channel.send")}
            </button>
            <p id="composer-keys" className="muted small span-all">
              {t("common.composerKeys")}
            </p>
          </form>
        ) : (
          <p className="muted">{t("collab.channel.readOnly")}</p>
        )}
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </section>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
