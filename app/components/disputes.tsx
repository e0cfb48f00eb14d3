import { StatusBadge } from "./ui";
import { useTranslation } from "~/i18n/use-translation";

/** Each dispute status in the colours of the statuses the pages already show. */
const TONE: Record<string, string> = {
  open: "pending",
  answered: "interested",
  mediating: "negotiating",
  settled: "agreed",
  upheld: "closed",
  rejected: "declined",
};

export function DisputeStatus({ status }: { status: string }) {
  const { t } = useTranslation();
  return <StatusBadge status={TONE[status] ?? "pending"} label={t(`disputes.statuses.${status}`)} />;
}
