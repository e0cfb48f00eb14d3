import { Form, Link, NavLink, useLocation, useNavigation } from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "~/i18n/use-translation";
import { useRootData } from "~/lib/root-data";
import { LanguageSwitcher } from "./LanguageSwitcher";
import { NotificationBell } from "./NotificationBell";

export function AppShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const data = useRootData();
  const user = data?.user ?? null;
  const navigation = useNavigation();
  const location = useLocation();
  const secretariat = !!data?.can.admin;
  const approved = user?.org?.status === "approved";
  // The phone menu closes when a link in it is followed.
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [location.pathname]);
  useEffect(closeMenusOnOutsideClick, []);
  return (
    <div className="shell">
      <a className="skip" href="#main">
        {t("nav.skip")}
      </a>
      <header className="topbar">
        <Link to="/" className="brand" title={t("app.fullName")}>
          <span className="brand-mark" aria-hidden>
            要
          </span>
          <span className="brand-name">{t("app.name")}</span>
        </Link>
        <button type="button" className="menu-toggle" aria-expanded={menuOpen} aria-controls="navpanel" onClick={() => setMenuOpen((o) => !o)}>
          <span aria-hidden>☰</span> {t("nav.menu")}
        </button>
        <div id="navpanel" className={menuOpen ? "navpanel open" : "navpanel"}>
          <nav className="mainnav" aria-label={t("nav.menu")}>
            {user ? <NavLink to="/home">{t("nav.home")}</NavLink> : null}
            <NavLink to="/listings" end>
              {t("listings.nav")}
            </NavLink>
            <NavLink to="/scenarios">{t("scenarios.nav")}</NavLink>
            <NavLink to="/groups">{t("standards.nav")}</NavLink>
            <NavMenu label={t("nav.members")} closeKey={location.pathname} active={MEMBER_PATHS.some((p) => location.pathname.startsWith(p))}>
              <NavLink to="/enterprises">{t("profiles.nav.enterprises")}</NavLink>
              <NavLink to="/providers">{t("profiles.nav.providers")}</NavLink>
              <NavLink to="/directory">{t("nav.directory")}</NavLink>
            </NavMenu>
            <NavLink to="/stats">{t("stats.nav")}</NavLink>
            {data?.can.apply ? <NavLink to="/apply">{t("nav.apply")}</NavLink> : null}
            {secretariat ? (
              <NavMenu label={t("nav.admin")} closeKey={location.pathname} active={location.pathname.startsWith("/admin/")} className="navmenu-admin">
                <NavLink to="/admin/review">{t("nav.review")}</NavLink>
                <NavLink to="/admin/listings">{t("listings.reviewQueue")}</NavLink>
                <NavLink to="/admin/catalog">{t("scenarios.adminTitle")}</NavLink>
                <NavLink to="/scenarios/signoffs">{t("consent.queueTitle")}</NavLink>
                <NavLink to="/admin/audit">{t("nav.audit")}</NavLink>
                <NavLink to="/admin/outbox">{t("mail.outboxTitle")}</NavLink>
                <NavLink to="/moderation">{t("nav.moderation")}</NavLink>
                <NavLink to="/disputes">{t("nav.disputes")}</NavLink>
              </NavMenu>
            ) : null}
            {user?.platformRole === "moderator" ? <NavLink to="/moderation">{t("nav.moderation")}</NavLink> : null}
          </nav>
          <Form method="get" action="/search" role="search" className="topsearch">
            <input
              type="search"
              name="q"
              placeholder={t("search.nav")}
              aria-label={t("search.placeholder")}
              maxLength={100}
              defaultValue={location.pathname === "/search" ? (new URLSearchParams(location.search).get("q") ?? "") : ""}
              key={location.pathname === "/search" ? location.search : "search"}
            />
          </Form>
          <LanguageSwitcher current={data?.locale ?? "zh-Hans"} returnTo={location.pathname + location.search} />
        </div>
        <div className="topbar-end">
          {user ? (
            <>
              <NotificationBell initial={data?.unread ?? 0} />
              <details className="usermenu" key={location.pathname}>
                <summary>{user.displayName}</summary>
                <div className="usermenu-panel">
                  {approved ? <Link to="/my/listings">{t("listings.mine")}</Link> : null}
                  {approved ? <Link to="/introductions">{t("profiles.nav.introductions")}</Link> : null}
                  {approved ? <Link to="/scenarios/invitations">{t("consent.invitationsTitle")}</Link> : null}
                  {approved ? <Link to="/reports">{t("nav.reports")}</Link> : null}
                  {approved ? <Link to="/disputes">{t("nav.disputes")}</Link> : null}
                  {approved && user.org?.type === "investor" ? <Link to="/watchlist">{t("profiles.nav.watchlist")}</Link> : null}
                  {approved && user.org?.type === "investor" ? <Link to="/investors/profile">{t("profiles.nav.investorProfile")}</Link> : null}
                  {approved && user.org?.type !== "investor" ? <Link to="/profile">{t("profiles.nav.profile")}</Link> : null}
                  <Link to="/account/security">{t("mail.securityTitle")}</Link>
                  <Link to="/account/notifications">{t("mail.cadenceTitle")}</Link>
                  <Link to="/account/sessions">{t("nav.sessions")}</Link>
                  <Form method="post" action="/logout">
                    <button type="submit" className="linklike">
                      {t("nav.signOut")}
                    </button>
                  </Form>
                </div>
              </details>
            </>
          ) : (
            <>
              <Link to="/login" className="btn btn-ghost">
                {t("nav.signIn")}
              </Link>
              <Link to="/signup" className="btn btn-primary">
                {t("nav.signUp")}
              </Link>
            </>
          )}
        </div>
      </header>
      <div
        className={navigation.state === "idle" ? "progress" : "progress progress-on"}
        role="progressbar"
        aria-hidden={navigation.state === "idle"}
        aria-label={t("common.loading")}
      />
      <main id="main" className="main">
        {children}
      </main>
      <footer className="footer">
        <p>{t("app.footer")}</p>
        <nav aria-label={t("legal.footer.label")} className="footer-links">
          <Link to="/privacy">{t("legal.footer.privacy")}</Link>
          <Link to="/terms">{t("legal.footer.terms")}</Link>
          <Link to="/contact">{t("legal.footer.contact")}</Link>
          <Link to="/reports/personal-info">{t("trust.publicReportLink")}</Link>
        </nav>
        {data?.icpNumber ? (
          <p>
            <a href="https://beian.miit.gov.cn/" rel="noopener noreferrer" target="_blank">
              {t("legal.footer.icp", { number: data.icpNumber })}
            </a>
          </p>
        ) : null}
      </footer>
    </div>
  );
}

/**
 * An open dropdown closes on a click elsewhere or on Escape, as menus do; Escape from inside a menu
 * puts the focus back on its toggle, so the keyboard is not left on a link that just disappeared.
 */
function closeMenusOnOutsideClick() {
  const close = (except?: Node) => {
    for (const d of document.querySelectorAll<HTMLDetailsElement>("details.navmenu[open], details.usermenu[open]")) {
      if (except && d.contains(except)) continue;
      const hadFocus = d.contains(document.activeElement);
      d.open = false;
      if (hadFocus) d.querySelector<HTMLElement>(":scope > summary")?.focus();
    }
  };
  const onClick = (e: MouseEvent) => close(e.target as Node);
  const onKey = (e: KeyboardEvent) => e.key === "Escape" && close();
  document.addEventListener("click", onClick);
  document.addEventListener("keydown", onKey);
  return () => {
    document.removeEventListener("click", onClick);
    document.removeEventListener("keydown", onKey);
  };
}

const MEMBER_PATHS = ["/enterprises", "/providers", "/directory", "/orgs/"];

/**
 * A group of links under one menu entry: a dropdown on wide screens, a section of the menu on a
 * phone. Keyed by the page so it closes once a link in it is followed.
 */
function NavMenu({
  label,
  closeKey,
  active,
  className,
  children,
}: {
  label: string;
  closeKey: string;
  active: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <details key={closeKey} className={["navmenu", active ? "active" : "", className ?? ""].filter(Boolean).join(" ")}>
      <summary>{label}</summary>
      <div className="navmenu-panel">{children}</div>
    </details>
  );
}
