import { Link, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "~/i18n/use-translation";
import { RESYNC_EVENT, getSocket } from "~/lib/socket";

/** The unread count from the server, kept current by the user's private Socket.IO room. */
export function NotificationBell({ initial }: { initial: number }) {
  const { t } = useTranslation();
  const [count, setCount] = useState(initial);
  useEffect(() => setCount(initial), [initial]);
  // Pages that list notifications (the dashboard, the centre) reload their data when one arrives.
  const revalidator = useRef(useRevalidator());
  useEffect(() => {
    const bump = () => {
      setCount((c) => c + 1);
      if (window.location.pathname === "/home" || window.location.pathname === "/notifications") revalidator.current.revalidate();
    };
    // Back from a lost connection or a cross-node gap: the count (and lists) are read again, so a
    // notification stored meanwhile shows without a reload.
    const reread = () => revalidator.current.revalidate();
    void getSocket().then((s) => {
      s.on("notification", bump);
      s.on(RESYNC_EVENT, reread);
      s.io.on("reconnect", reread);
    });
    return () => {
      void getSocket().then((s) => {
        s.off("notification", bump);
        s.off(RESYNC_EVENT, reread);
        s.io.off("reconnect", reread);
      });
    };
  }, []);
  return (
    <Link to="/notifications" className="bell" data-testid="bell">
      {/* Named by text, not aria-label: the name then holds what is shown (the count), as speech input needs. */}
      <span className="sr-only">{t("nav.notifications")}</span>
      <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden>
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
        />
      </svg>
      {count > 0 ? (
        <span className="badge" data-testid="unread">
          {count}
        </span>
      ) : null}
    </Link>
  );
}
