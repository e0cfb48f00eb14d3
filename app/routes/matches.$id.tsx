import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "~/i18n/use-translation";
import { sendOnEnter } from "~/lib/composer-keys";
import { z } from "zod";
import { uuidParam } from "~/models/core/params";
import { useClientCheck } from "~/lib/client-check";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { FormError } from "~/components/forms";
import { MatchReasons, ScoreBar } from "~/components/listings";
import { StatusBadge, ConfirmButton } from "~/components/ui";
import { enumLabel } from "~/lib/enums";
import { formatDate, formatDateTime } from "~/lib/format";
import { failure, guard, handleValues, readIntent, requireActor, routeUuid } from "~/lib/http.server";
import { RESYNC_EVENT, getSocket } from "~/lib/socket";
import { MESSAGE_MAX } from "~/models/marketplace/listing-schema";
import { advanceMatch, getMatchView, postMessage, rateCounterpart } from "~/models/marketplace/deals.server";
import { titled } from "~/lib/page-meta";
import { filingStateOf } from "~/models/trust/filings.server";
import { reasonsForReader } from "~/models/marketplace/matching.server";
import { disputesOfMatch } from "~/models/trust/disputes.server";
import { DisputeStatus } from "~/components/disputes";
import { ReportLink } from "~/components/trust";
import { reportCan } from "~/models/trust/reports.server";

export const meta = titled("listings.thread.title");

const messageSchema = z.object({ body: z.string().trim().min(1, "v.required").max(MESSAGE_MAX, `v.tooLong.${MESSAGE_MAX}`) });
const rateSchema = z.object({
  score: z.coerce.number({ invalid_type_error: "v.choose" }).int("v.choose").min(1, "v.choose").max(5, "v.choose"),
  comment: z
    .string()
    .trim()
    .max(500, "v.tooLong.500")
    .optional()
    .transform((v) => v || null),
});

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const id = routeUuid(params, "id");
  return guard(context, async () => {
    const [match] = reasonsForReader([await getMatchView(context.db, actor, id)], context.locale);
    // A party reports the deal, and with it the other side (never its own organisation).
    const other = match.side === "supply" ? match.demand.orgId : match.supply.orgId;
    const canReport = match.side !== null && reportCan(actor, other);
    return json({ match, filingRecord: filingStateOf(match), disputes: await disputesOfMatch(context.db, actor, match), canReport });
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const id = uuidParam.safeParse(params.id);
  const form = await readIntent(context, request);
  if (!id.success || !form) return failure(context, 400, {}, {}, "v.invalid");
  const { intent, values } = form;
  const ok = () => json({ ok: true as const });
  switch (intent) {
    case "message":
      return handleValues(context, values, messageSchema, async ({ body }) => {
        await postMessage(context.db, actor, id.data, body, context.realtime);
        return ok();
      });
    case "accept":
    case "decline":
    case "agree":
      return handleValues(context, values, z.object({}), async () => {
        await advanceMatch(context.db, actor, id.data, intent, context.realtime);
        return ok();
      });
    case "rate":
      return handleValues(context, values, rateSchema, async ({ score, comment }) => {
        await rateCounterpart(context.db, actor, id.data, score, comment);
        return ok();
      });
    default:
      return failure(context, 400, values, {}, "v.invalid");
  }
}

type Message = { id: string; authorName: string; orgId: string; body: string; createdAt: string | Date };

/** Messages from the loader, then live ones from the match room; on reconnect, everything after the last id. */
function useThread(matchId: string, initial: Message[]) {
  const [messages, setMessages] = useState(initial);
  const [online, setOnline] = useState(true);
  const last = useRef(initial.at(-1)?.id ?? null);
  const revalidator = useRef(useRevalidator());
  const merge = (incoming: Message[]) =>
    setMessages((current) => {
      const seen = new Set(current.map((m) => m.id));
      const added = incoming.filter((m) => !seen.has(m.id));
      if (!added.length) return current;
      const next = [...current, ...added].sort((a, b) => Number(a.id) - Number(b.id));
      last.current = next.at(-1)!.id;
      return next;
    });
  useEffect(() => merge(initial), [initial]);
  useEffect(() => {
    const join = (s: Awaited<ReturnType<typeof getSocket>>) =>
      s.emit("match:join", { matchId, afterId: last.current }, (reply: { ok: boolean; messages?: Message[] }) => {
        if (reply.ok && reply.messages) merge(reply.messages);
      });
    const onMessage = (m: Message & { matchId: string }) => m.matchId === matchId && merge([m]);
    const onStatus = (s: { matchId: string }) => s.matchId === matchId && revalidator.current.revalidate();
    let socket: Awaited<ReturnType<typeof getSocket>> | null = null;
    const onConnect = () => {
      setOnline(true);
      if (socket) join(socket);
    };
    const onDisconnect = () => setOnline(false);
    void getSocket().then((s) => {
      socket = s;
      s.on("match:message", onMessage);
      s.on("match:status", onStatus);
      s.on("connect", onConnect);
      s.on(RESYNC_EVENT, onConnect);
      s.on("disconnect", onDisconnect);
      if (s.connected) join(s);
    });
    return () => {
      socket?.off("match:message", onMessage);
      socket?.off("match:status", onStatus);
      socket?.off("connect", onConnect);
      socket?.off(RESYNC_EVENT, onConnect);
      socket?.off("disconnect", onDisconnect);
    };
  }, [matchId]);
  return { messages, online };
}

export default function MatchPage() {
  const { match, filingRecord, disputes, canReport } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const { messages, online } = useThread(match.id, match.messages);
  const sender = useFetcher<typeof action>();
  const composerCheck = useClientCheck(messageSchema);
  const composerAnswer = composerCheck.shown(sender.data);
  const formRef = useRef<HTMLFormElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (sender.state === "idle" && sender.data?.ok) formRef.current?.reset();
  }, [sender.state, sender.data]);
  useEffect(() => {
    listRef.current?.lastElementChild?.scrollIntoView({ block: "nearest" });
  }, [messages.length]);
  const party = match.side !== null;
  const myOrgId = match.side === "supply" ? match.supply.orgId : match.demand.orgId;
  return (
    <div className="stack">
      <section className="card stack-sm">
        <div className="row-between">
          <h1>{t("listings.thread.title")}</h1>
          <StatusBadge status={match.status} label={enumLabel(t, "matchStatus", match.status)} />
        </div>
        <div className="deal-sides">
          <div>
            <span className="muted small">{t("listings.thread.supply")}</span>
            <br />
            <Link to={`/listings/${match.supply.id}`}>{match.supply.title}</Link>
            <br />
            <span className="small">{match.supply.orgName}</span>
          </div>
          <div>
            <span className="muted small">{t("listings.thread.demand")}</span>
            <br />
            <Link to={`/listings/${match.demand.id}`}>{match.demand.title}</Link>
            <br />
            <span className="small">{match.demand.orgName}</span>
          </div>
        </div>
        <ScoreBar score={match.score} />
        <MatchReasons reasons={match.reasons} />
        <FormError data={data} />
        {!party ? <p className="muted">{t("listings.thread.readOnly")}</p> : null}
        {match.can.steps.length || match.can.waitingFor ? (
          <Form method="post" className="row">
            {match.can.steps.includes("accept") ? (
              <button type="submit" name="intent" value="accept" className="btn btn-primary">
                {t("listings.thread.accept")}
              </button>
            ) : null}
            {match.can.steps.includes("agree") ? (
              <button type="submit" name="intent" value="agree" className="btn btn-primary">
                {t("listings.thread.agree")}
              </button>
            ) : null}
            {match.can.waitingFor ? (
              <span className="muted">{t(match.can.waitingFor === "answer" ? "listings.thread.waitingAnswer" : "listings.thread.waitingThem")}</span>
            ) : null}
            {match.can.steps.includes("decline") ? (
              <ConfirmButton confirm={t("confirm.declineMatch")} name="intent" value="decline" className="btn btn-danger">
                {t("listings.thread.decline")}
              </ConfirmButton>
            ) : null}
          </Form>
        ) : null}
        {match.filing ? (
          <p className="alert alert-ok" data-testid="filed">
            {t("listings.thread.filed", { date: formatDate(match.filing.filed_at, i18n.language) })}
          </p>
        ) : null}
        {filingRecord?.number ? (
          <p>
            <Link to={`/filings/${filingRecord.number}`} data-testid="filing-link">
              {t("trust.viewCertificate", { number: filingRecord.number })}
            </Link>
          </p>
        ) : filingRecord?.canFile ? (
          <p>
            <Link to={`/filings/new?match=${match.id}`} className="btn btn-primary" data-testid="file-deal">
              {t("trust.fileDeal")}
            </Link>
          </p>
        ) : null}
        {disputes.disputes.length ? (
          <ul className="list small" aria-label={t("disputes.onDeal")} data-testid="deal-disputes">
            {disputes.disputes.map((d) => (
              <li key={d.id}>
                <Link to={`/disputes/${d.id}`}>{d.title}</Link> <DisputeStatus status={d.status} />
              </li>
            ))}
          </ul>
        ) : null}
        {disputes.canOpen ? (
          <p>
            <Link to={`/disputes/new?match=${match.id}`} className="btn" data-testid="open-dispute">
              {t("disputes.openDispute")}
            </Link>
          </p>
        ) : null}
        {canReport ? <ReportLink type="match" id={match.id} /> : null}
      </section>

      <section className="card" aria-labelledby="messages-title">
        <div className="row-between">
          <h2 id="messages-title">{t("listings.thread.messages")}</h2>
          {!online ? (
            <span className="muted small" role="status">
              {t("listings.thread.offline")}
            </span>
          ) : null}
        </div>
        {messages.length === 0 ? <p className="muted">{t("listings.thread.noMessages")}</p> : null}
        {/* A log: new messages are read out politely; focusable so the keyboard can scroll it. */}
        <div className="thread" ref={listRef} data-testid="thread" role="log" aria-live="polite" aria-labelledby="messages-title" tabIndex={0}>
          {messages.map((m) => (
            <div key={m.id} className={m.orgId === myOrgId ? "msg mine" : "msg"}>
              <span className="msg-meta">
                {m.authorName} · {formatDateTime(m.createdAt, i18n.language)}
              </span>
              <span className="msg-body">{m.body}</span>
            </div>
          ))}
        </div>
        {match.can.message ? (
          <sender.Form method="post" ref={formRef} className="composer" noValidate onSubmit={composerCheck.onSubmit}>
            <input type="hidden" name="intent" value="message" />
            <textarea
              name="body"
              rows={2}
              maxLength={MESSAGE_MAX}
              placeholder={t("listings.thread.placeholder")}
              aria-label={t("listings.thread.placeholder")}
              aria-describedby="composer-keys"
              onKeyDown={sendOnEnter}
              required
            />
            <button type="submit" className="btn btn-primary" disabled={sender.state !== "idle"}>
              {t("listings.thread.send")}
            </button>
            <p id="composer-keys" className="muted small span-all">
              {t("common.composerKeys")}
            </p>
          </sender.Form>
        ) : null}
        {composerAnswer && !composerAnswer.ok ? (
          <p className="field-error" role="alert">
            {composerAnswer.fieldErrors.body ?? composerAnswer.formError}
          </p>
        ) : null}
      </section>

      {match.can.rate ? (
        <section className="card">
          <h2>{t("listings.thread.rate")}</h2>
          {match.myRating ? (
            <p data-testid="rated">{t("listings.thread.rated", { score: match.myRating.score })}</p>
          ) : (
            <Form method="post" className="form-inline">
              <div className="field">
                <label htmlFor="score">{t("listings.thread.rateScore")}</label>
                <select id="score" name="score" defaultValue="" required>
                  <option value="">{t("apply.choose")}</option>
                  {[5, 4, 3, 2, 1].map((n) => (
                    <option key={n} value={n}>
                      {"★".repeat(n)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="comment">{t("listings.thread.rateComment")}</label>
                <input id="comment" name="comment" maxLength={500} />
              </div>
              <button type="submit" name="intent" value="rate" className="btn btn-primary">
                {t("listings.thread.rateSubmit")}
              </button>
            </Form>
          )}
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
