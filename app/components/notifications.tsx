import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { noticeKey, noticeValues, notificationHref } from "~/models/core/notification-links";

/** A notification as a sentence, linked to what it is about. */
export function NotificationText({ kind, payload }: { kind: string; payload: Record<string, unknown> }) {
  const { t, i18n } = useTranslation();
  const values = noticeValues(payload, i18n.language);
  const text = t(noticeKey(kind, payload), { ...values, defaultValue: t(`notification.${kind}`, { ...values, defaultValue: kind }) });
  const href = notificationHref(payload);
  return href ? <Link to={href}>{text}</Link> : <span>{text}</span>;
}
