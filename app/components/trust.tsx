import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import type { ReportTarget } from "~/models/trust/vocabulary";

/** The way to report a piece of content (shown where the trust model's reportCan allows it). */
export function ReportLink({ type, id }: { type: ReportTarget; id: string }) {
  const { t } = useTranslation();
  return (
    <p className="small report-link">
      <Link to={`/reports/new?type=${type}&id=${encodeURIComponent(id)}`} className="muted" data-testid="report-link">
        <span aria-hidden>⚑ </span>
        {t("trust.report")}
      </Link>
    </p>
  );
}
