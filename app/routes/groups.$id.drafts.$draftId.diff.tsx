import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { DiffView } from "~/components/drafts";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { GroupTabs } from "~/components/groups";
import { getT, translateKey } from "~/i18n";
import { guard, routeUuid } from "~/lib/http.server";
import { diffQuerySchema } from "~/models/standards/draft-schema";
import { diffVersions } from "~/models/standards/draft-versions.server";
import { toFieldErrors } from "~/models/core/zod-fields";
import { titledBy } from "~/lib/page-meta";

export const meta = titledBy<{ draft: { title: string; code: string } }>((d, t) => `${t("drafts.compare")} · ${d.draft.title}`);

/** Any two versions side by side as a line diff: /groups/$id/drafts/$draftId/diff?from=1&to=3. */
export async function loader({ request, params: p, context }: LoaderFunctionArgs) {
  const ids = { id: routeUuid(p, "id"), draftId: routeUuid(p, "draftId") };
  const url = new URL(request.url);
  const q = diffQuerySchema.safeParse({ from: url.searchParams.get("from") ?? undefined, to: url.searchParams.get("to") ?? undefined });
  if (!q.success) {
    const first = Object.values(toFieldErrors(q.error))[0]?.[0] ?? "v.invalid";
    throw json({ message: translateKey(getT(context.locale), first) }, { status: 400 });
  }
  return guard(context, async () => json(await diffVersions(context.db, context.actor, ids.id, ids.draftId, q.data.from, q.data.to)));
}

export default function DraftDiff() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="stack">
      <GroupTabs groupId={d.group.id} name={d.group.name} />
      <Link to={`/groups/${d.group.id}/drafts/${d.draft.id}`}>← {t("drafts.backToDraft")}</Link>
      <h2>
        <span className="dr-code">{d.draft.code}</span> {t("drafts.diffTitle", { from: d.from, to: d.to })}
      </h2>
      <Form method="get" className="row dr-compare">
        <label>
          {t("drafts.from")}{" "}
          <select name="from" defaultValue={d.from}>
            {d.versions.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("drafts.to")}{" "}
          <select name="to" defaultValue={d.to}>
            {d.versions.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn btn-sm">
          {t("drafts.showDiff")}
        </button>
      </Form>
      <p className="muted" data-testid="diff-summary">
        {d.tooLarge
          ? t("drafts.diffTooLarge", { lines: d.maxLines })
          : d.tooDifferent
            ? t("drafts.tooDifferent")
            : d.added || d.removed
              ? t("drafts.diffSummary", { added: d.added, removed: d.removed })
              : t("drafts.noChanges")}
      </p>
      <DiffView lines={d.lines} />
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
