import { useEffect, useRef } from "react";
import { Link, useRevalidator } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { getSocket } from "~/lib/socket";

/**
 * Pages whose content the moderators act on (a listing, the reports page) read their data again
 * when a moderation or report notification arrives on the user's socket, so the owner sees the
 * hide notice (or the restoration) without a reload.
 */
export function useModerationLive() {
  const revalidator = useRef(useRevalidator());
  useEffect(() => {
    const onNote = (n: { kind?: string }) => {
      if (n?.kind?.startsWith("moderation.") || n?.kind?.startsWith("report.")) revalidator.current.revalidate();
    };
    void getSocket().then((s) => s.on("notification", onNote));
    return () => void getSocket().then((s) => s.off("notification", onNote));
  }, []);
}

/** The notice the owner (and the staff) read on hidden content: why, and where to appeal. */
export function HiddenNotice({ reason }: { reason: string }) {
  const { t } = useTranslation();
  return (
    <p className="alert alert-error" role="status" data-testid="hidden-notice">
      {t("moderation.hiddenNotice", { reason })} <Link to="/reports">{t("moderation.appeal")}</Link>
    </p>
  );
}

/** The moderators' way to hide a piece of content directly (the hide form names it). */
export function HideLink({ type, id }: { type: string; id: string }) {
  const { t } = useTranslation();
  return (
    <p className="small">
      <Link to={`/moderation/hide?type=${type}&id=${encodeURIComponent(id)}`} className="muted" data-testid="hide-link">
        {t("moderation.hideLink")}
      </Link>
    </p>
  );
}

/** The moderation pages' tabs: the report queue, and the moderated content by state. */
export function ModerationTabs({ current }: { current: "reports" | "hidden" | "appeals" | "restored" }) {
  const { t } = useTranslation();
  const to = {
    reports: "/moderation",
    hidden: "/moderation/actions",
    appeals: "/moderation/actions?view=appeals",
    restored: "/moderation/actions?view=restored",
  };
  return (
    <nav className="row-gap" aria-label={t("trust.moderationTitle")}>
      {(Object.keys(to) as (keyof typeof to)[]).map((k) => (
        <Link key={k} to={to[k]} className={current === k ? "chip chip-on" : "chip"} aria-current={current === k ? "page" : undefined}>
          {t(`moderation.tabs.${k}`)}
        </Link>
      ))}
    </nav>
  );
}

/** A report link that sits inside a line (a channel message's meta line). */
export function InlineReportLink({ type, id }: { type: "group_message" | "draft_comment"; id: string }) {
  const { t } = useTranslation();
  return (
    <Link to={`/reports/new?type=${type}&id=${encodeURIComponent(id)}`} className="muted small" data-testid="report-link">
      <span aria-hidden>⚑ </span>
      {t("trust.report")}
    </Link>
  );
}
