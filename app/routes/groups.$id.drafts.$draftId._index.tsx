import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { reportCan } from "~/models/trust/reports.server";
import { InlineReportLink } from "~/components/moderation";
import { ConfirmButton } from "~/components/ui";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { uuidParam } from "~/models/core/params";
import { StageProgress } from "~/components/drafts";
import { formatDate } from "~/lib/format";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { FormError, InlineFieldError, TextArea, TextField, fieldError, fieldValue, refusalOf } from "~/components/forms";
import { CheckedForm } from "~/components/checked-form";
import { GroupTabs } from "~/components/groups";
import { failure, guard, handleValues, readIntent, requireActor, routeUuid } from "~/lib/http.server";
import {
  RESOLUTIONS,
  commentInputSchema,
  patentSchema,
  resolutionInputSchema,
  stageInputSchema,
  versionInputSchema,
  watchInputSchema,
} from "~/models/standards/draft-schema";
import { addComment, addPatent, resolveComment } from "~/models/standards/draft-comments.server";
import { changeStage, getDraft, setWatch } from "~/models/standards/drafts.server";
import { saveVersion } from "~/models/standards/draft-versions.server";
import { MAX_COMMENT_DAYS, MIN_COMMENT_DAYS } from "~/models/standards/draft-rules";
import { renderMarkdown } from "~/models/core/markdown.server";
import { titledBy } from "~/lib/page-meta";

export const meta = titledBy<{ group: { name: string }; draft: { title: string } }>((d) => `${d.draft.title} · ${d.group.name}`);

export async function loader({ params: p, context }: LoaderFunctionArgs) {
  const ids = { id: routeUuid(p, "id"), draftId: routeUuid(p, "draftId") };
  return guard(context, async () => {
    const page = await getDraft(context.db, context.actor, ids.id, ids.draftId);
    return json({ ...page, html: page.latest ? renderMarkdown(page.latest.body) : null, canReport: reportCan(context.actor, null) });
  });
}

export async function action({ request, params: p, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const [id, draftId] = [p.id, p.draftId].map((v) => uuidParam.safeParse(v).data);
  const form = await readIntent(context, request);
  if (!id || !draftId || !form) return failure(context, 400, {}, {}, "v.invalid");
  const done = (intent: string) => json({ ok: true as const, intent });
  switch (form.intent) {
    case "version":
      return handleValues(context, form.values, versionInputSchema, async (data) => {
        await saveVersion(context.db, actor, id, draftId, data, context.realtime);
        return done("version");
      });
    case "stage":
      return handleValues(context, form.values, stageInputSchema, async (data) => {
        await changeStage(context.db, actor, id, draftId, data, context.realtime);
        return done("stage");
      });
    case "comment":
      return handleValues(context, form.values, commentInputSchema, async (data) => {
        await addComment(context.db, actor, id, draftId, data);
        return done("comment");
      });
    case "resolve":
      return handleValues(context, form.values, resolutionInputSchema, async (data) => {
        await resolveComment(context.db, actor, id, draftId, data, context.realtime);
        return done("resolve");
      });
    case "patent":
      return handleValues(context, form.values, patentSchema, async (data) => {
        await addPatent(context.db, actor, id, draftId, data);
        return done("patent");
      });
    case "watch":
      return handleValues(context, form.values, watchInputSchema, async (data) => {
        await setWatch(context.db, actor, id, draftId, data.watch === "on");
        return done("watch");
      });
    default:
      return failure(context, 400, form.values, {}, "v.invalid");
  }
}

export default function DraftPage() {
  const { group, draft, editors, versions, latest, comments, patents, me, html, canReport, commentOpen } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const failed = (intent: string) => refusalOf(data, { intent });
  // A posted comment is confirmed and the form starts empty again (a new key after each comment).
  const commentPosted = !!data && "ok" in data && data.ok && data.intent === "comment";
  const base = `/groups/${group.id}/drafts/${draft.id}`;
  return (
    <div className="stack">
      <GroupTabs groupId={group.id} name={group.name} rooms={group.rooms} />
      <div className="stack-sm">
        <h2 className="dr-title">
          <span className="dr-code">{draft.code}</span> {draft.title}
        </h2>
        {draft.titleEn ? <p className="muted">{draft.titleEn}</p> : null}
        <StageProgress stage={draft.stage} />
        {draft.commentOpensAt && draft.commentClosesAt ? (
          <p className="muted small" data-testid="comment-period">
            {t("drafts.commentPeriod", { from: formatDate(draft.commentOpensAt, i18n.language), to: formatDate(draft.commentClosesAt, i18n.language) })}
          </p>
        ) : null}
      </div>
      {/* Refusals about a form show on that form; this one is for the rest (the watch button). */}
      <FormError data={failed("watch")} />
      <div className="listing-layout">
        <article className="stack-sm">
          <section className="card stack-sm">
            <h3>{t("drafts.scope")}</h3>
            <p className="prose">{draft.scope}</p>
            <h3>
              {t("drafts.text")} {latest ? <span className="tag">{t("drafts.versionN", { n: latest.number })}</span> : null}
            </h3>
            {html ? (
              <div className="markdown dr-text" data-testid="draft-text" dangerouslySetInnerHTML={{ __html: html }} />
            ) : (
              <p className="muted">{t("drafts.noText")}</p>
            )}
          </section>
          {me.canSaveVersion ? (
            <section className="card">
              <h3>{t("drafts.saveVersion")}</h3>
              <CheckedForm schema={versionInputSchema} answer={failed("version")} className="stack-sm" key={latest?.number ?? 0} data-testid="version-form">
                {(shown) => (
                  <>
                    <input type="hidden" name="intent" value="version" />
                    <TextArea name="body" label={t("drafts.body")} data={shown} defaultValue={latest?.body ?? ""} rows={14} required />
                    <TextField name="note" label={t("drafts.versionNote")} data={shown} maxLength={500} />
                    <button type="submit" className="btn btn-primary">
                      {t("drafts.saveVersion")}
                    </button>
                  </>
                )}
              </CheckedForm>
            </section>
          ) : null}
          <section className="card stack-sm" data-testid="comments">
            <div className="row-between">
              <h3>{t("drafts.comments")}</h3>
              <Link to={`${base}/comments`}>{t("drafts.resolutionTable")}</Link>
            </div>
            {comments.map((c) => (
              <div key={c.id} className="dr-comment" data-testid="comment">
                <p>
                  <span className="tag">{c.clause}</span> <strong>{c.author}</strong> <span className="muted small">{c.org}</span>
                </p>
                <p className="prose">{c.comment}</p>
                {canReport ? <InlineReportLink type="draft_comment" id={c.id} /> : null}
                {c.proposed_change ? (
                  <p className="prose dr-proposal">
                    {t("drafts.proposedChange")}
                    {t("common.colon")}
                    {c.proposed_change}
                  </p>
                ) : null}
                {c.resolution ? (
                  <p className={`dr-resolution dr-res-${c.resolution}`} data-testid="resolution">
                    <strong>{t(`drafts.resolutions.${c.resolution}`)}</strong>
                    {t("common.colon")}
                    {c.resolution_reason} <span className="muted small">{c.resolver}</span>
                  </p>
                ) : (
                  <p className="muted small">{t("drafts.unresolved")}</p>
                )}
                {me.canResolve ? (
                  <CheckedForm schema={resolutionInputSchema} answer={refusalOf(data, { intent: "resolve", commentId: c.id })} className="row dr-resolve-form">
                    {(shown) => (
                      <>
                        <input type="hidden" name="intent" value="resolve" />
                        <input type="hidden" name="commentId" value={c.id} />
                        <select
                          name="resolution"
                          aria-label={t("drafts.resolution")}
                          defaultValue={fieldValue(shown, "resolution") ?? c.resolution ?? ""}
                          aria-invalid={!!fieldError(shown, "resolution")}
                          aria-describedby={`e-resolution-${c.id}`}
                          required
                        >
                          {/* No default: the editor decides how each comment is handled. */}
                          <option value="" disabled>
                            {t("v.choose")}
                          </option>
                          {RESOLUTIONS.map((r) => (
                            <option key={r} value={r}>
                              {t(`drafts.resolutions.${r}`)}
                            </option>
                          ))}
                        </select>
                        <input
                          name="reason"
                          aria-label={t("drafts.reason")}
                          placeholder={t("drafts.reason")}
                          defaultValue={fieldValue(shown, "reason") ?? c.resolution_reason ?? ""}
                          aria-invalid={!!fieldError(shown, "reason")}
                          aria-describedby={`e-reason-${c.id}`}
                          maxLength={2000}
                          required
                        />
                        <button type="submit" className="btn btn-sm">
                          {t("drafts.resolve")}
                        </button>
                        <InlineFieldError data={shown} name="resolution" id={`e-resolution-${c.id}`} />
                        <InlineFieldError data={shown} name="reason" id={`e-reason-${c.id}`} />
                      </>
                    )}
                  </CheckedForm>
                ) : null}
              </div>
            ))}
            {me.canComment ? (
              <CheckedForm
                key={`comment-form-${comments.length}`}
                schema={commentInputSchema}
                answer={failed("comment")}
                className="stack-sm"
                data-testid="comment-form"
              >
                {(shown) => (
                  <>
                    <h4>{t("drafts.addComment")}</h4>
                    {commentPosted ? (
                      <p className="alert alert-ok" role="status" data-testid="comment-posted">
                        {t("drafts.commentPosted")}
                      </p>
                    ) : null}
                    <input type="hidden" name="intent" value="comment" />
                    <TextField name="clause" label={t("drafts.clause")} hint={t("drafts.clauseHint")} data={shown} maxLength={40} required />
                    <TextArea name="comment" label={t("drafts.comment")} data={shown} rows={3} maxLength={5000} required />
                    <TextArea name="proposedChange" label={t("drafts.proposedChange")} data={shown} rows={2} maxLength={5000} />
                    {/* Open when a disclosure field is refused, so the message is not hidden. */}
                    <details open={!!(fieldError(shown, "patentHolder") || fieldError(shown, "patentNumber")) || undefined}>
                      <summary>{t("drafts.patentDisclosure")}</summary>
                      <TextField name="patentHolder" label={t("drafts.patentHolder")} data={shown} maxLength={200} />
                      <TextField name="patentNumber" label={t("drafts.patentNumber")} data={shown} maxLength={60} />
                      <TextField name="patentDescription" label={t("drafts.patentDescription")} data={shown} maxLength={1000} />
                    </details>
                    <button type="submit" className="btn btn-primary">
                      {t("drafts.addComment")}
                    </button>
                  </>
                )}
              </CheckedForm>
            ) : commentOpen && !me.signedIn ? (
              // Open for comment: a visitor is shown the way in, not told it is closed.
              <p className="muted small" data-testid="comment-sign-in">
                {t("drafts.signInToComment")} <Link to={`/login?next=${encodeURIComponent(base)}`}>{t("nav.signIn")}</Link>
              </p>
            ) : commentOpen ? (
              <p className="muted small">{t("drafts.membersComment")}</p>
            ) : draft.stage === "public_comment" ? (
              <p className="muted small">{t("drafts.commentClosedNote")}</p>
            ) : null}
          </section>
        </article>
        <aside className="stack-sm">
          {me.signedIn ? (
            <section className="card">
              <Form method="post">
                <input type="hidden" name="intent" value="watch" />
                {me.watching ? <p className="muted small">{t("drafts.watching")}</p> : null}
                <button type="submit" name="watch" value={me.watching ? "off" : "on"} className="btn btn-ghost btn-sm" data-testid="watch">
                  {me.watching ? t("drafts.unwatch") : t("drafts.watch")}
                </button>
              </Form>
            </section>
          ) : null}
          {me.moves.length ? (
            <section className="card">
              <h3>{t("drafts.stageActions")}</h3>
              {me.moves.map((to) => (
                <CheckedForm schema={stageInputSchema} answer={refusalOf(data, { intent: "stage", to })} key={to} className="stack-sm dr-move">
                  {(shown) => (
                    <>
                      <input type="hidden" name="intent" value="stage" />
                      <input type="hidden" name="to" value={to} />
                      {to === "public_comment" ? (
                        <TextField
                          name="days"
                          type="number"
                          label={t("drafts.days")}
                          hint={t("drafts.daysHint")}
                          data={shown}
                          min={me.minCommentDays}
                          max={MAX_COMMENT_DAYS}
                          defaultValue={String(MIN_COMMENT_DAYS)}
                        />
                      ) : null}
                      {to === "withdrawn" ? (
                        <ConfirmButton confirm={t("confirm.withdrawDraft")} className="btn btn-ghost btn-sm">
                          {t("drafts.moveTo", { stage: t(`drafts.stages.${to}`) })}
                        </ConfirmButton>
                      ) : (
                        <button type="submit" className="btn btn-primary btn-sm">
                          {t("drafts.moveTo", { stage: t(`drafts.stages.${to}`) })}
                        </button>
                      )}
                    </>
                  )}
                </CheckedForm>
              ))}
            </section>
          ) : null}
          <section className="card">
            <h3>{t("drafts.editors")}</h3>
            <ul className="list">
              {editors.map((e) => (
                <li key={e.id}>{e.name}</li>
              ))}
            </ul>
          </section>
          <section className="card">
            <h3>{t("drafts.versions")}</h3>
            <ul className="list" data-testid="versions">
              {versions.map((v) => (
                <li key={v.number}>
                  <span>
                    {t("drafts.versionN", { n: v.number })}
                    {v.note ? ` · ${v.note}` : ""}
                  </span>
                  <span className="muted small">{t("drafts.by", { name: v.author, date: formatDate(v.created_at, i18n.language) })}</span>
                </li>
              ))}
            </ul>
            {versions.length > 1 ? (
              <Form method="get" action={`${base}/diff`} className="row dr-compare">
                <label>
                  {t("drafts.from")}{" "}
                  <select name="from" defaultValue={versions[1].number}>
                    {versions.map((v) => (
                      <option key={v.number} value={v.number}>
                        {v.number}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {t("drafts.to")}{" "}
                  <select name="to" defaultValue={versions[0].number}>
                    {versions.map((v) => (
                      <option key={v.number} value={v.number}>
                        {v.number}
                      </option>
                    ))}
                  </select>
                </label>
                <button type="submit" className="btn btn-sm">
                  {t("drafts.showDiff")}
                </button>
              </Form>
            ) : null}
          </section>
          <section className="card">
            <h3>{t("drafts.patents")}</h3>
            {patents.length ? (
              <table className="dr-table">
                <thead>
                  <tr>
                    <th>{t("drafts.patentHolder")}</th>
                    <th>{t("drafts.patentNumber")}</th>
                    <th>{t("drafts.patentDescription")}</th>
                  </tr>
                </thead>
                <tbody>
                  {patents.map((p) => (
                    <tr key={p.id}>
                      <td>{p.holder}</td>
                      <td>{p.patent_number}</td>
                      <td>{p.description}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="muted small">{t("drafts.noPatents")}</p>
            )}
            {me.role ? (
              <details>
                <summary>{t("drafts.disclose")}</summary>
                <CheckedForm schema={patentSchema} answer={failed("patent")} className="stack-sm">
                  {(shown) => (
                    <>
                      <input type="hidden" name="intent" value="patent" />
                      <TextField name="holder" label={t("drafts.patentHolder")} data={shown} maxLength={200} required />
                      <TextField name="number" label={t("drafts.patentNumber")} data={shown} maxLength={60} required />
                      <TextField name="description" label={t("drafts.patentDescription")} data={shown} maxLength={1000} />
                      <button type="submit" className="btn btn-sm">
                        {t("drafts.disclose")}
                      </button>
                    </>
                  )}
                </CheckedForm>
              </details>
            ) : null}
          </section>
        </aside>
      </div>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
