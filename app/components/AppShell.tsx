import { Form, Link, NavLink, useLocation, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
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
  const secretariat = user?.platformRole === "secretariat";
  const approved = user?.org?.status === "approved";
  return (
    <div className="shell">
      <a className="skip" href="#main">{t("nav.skip")}</a>
      <header className="topbar">
        <Link to="/" className="brand" aria-label={t("app.fullName")}>
          <span className="brand-mark" aria-hidden>要</span>
          <span className="brand-name">{t("app.name")}</span>
        </Link>
        <nav className="mainnav" aria-label={t("nav.menu")}>
          {user ? <NavLink to="/home">{t("nav.home")}</NavLink> : null}
          <NavLink to="/listings" end>{t("listings.nav")}</NavLink>
          <NavLink to="/scenarios">{t("scenarios.nav")}</NavLink>
          <NavLink to="/groups">{t("standards.nav")}</NavLink>
          <NavLink to="/enterprises">{t("profiles.nav.enterprises")}</NavLink>
          <NavLink to="/providers">{t("profiles.nav.providers")}</NavLink>
          <NavLink to="/directory">{t("nav.directory")}</NavLink>
          <NavLink to="/stats">{t("stats.nav")}</NavLink>
          {user && !user.org && user.platformRole === "member" ? <NavLink to="/apply">{t("nav.apply")}</NavLink> : null}
          {secretariat ? <NavLink to="/admin/review">{t("nav.review")}</NavLink> : null}
          {secretariat ? <NavLink to="/admin/listings">{t("listings.reviewQueue")}</NavLink> : null}
          {secretariat ? <NavLink to="/admin/catalog">{t("scenarios.adminTitle")}</NavLink> : null}
          {secretariat ? <NavLink to="/admin/audit">{t("nav.audit")}</NavLink> : null}
        </nav>
        <div className="topbar-end">
          <Form method="get" action="/search" role="search" className="topsearch">
            <input type="search" name="q" placeholder={t("search.nav")} aria-label={t("search.placeholder")} maxLength={100} defaultValue={location.pathname === "/search" ? new URLSearchParams(location.search).get("q") ?? "" : ""} key={location.pathname === "/search" ? location.search : "search"} />
          </Form>
          <LanguageSwitcher current={data?.locale ?? "zh-Hans"} returnTo={location.pathname + location.search} />
          {user ? (
            <>
              <NotificationBell initial={data?.unread ?? 0} />
              <details className="usermenu">
                <summary>{user.displayName}</summary>
                <div className="usermenu-panel">
                  {approved ? <Link to="/my/listings">{t("listings.mine")}</Link> : null}
                  {approved ? <Link to="/introductions">{t("profiles.nav.introductions")}</Link> : null}
                  {approved && user.org?.type === "investor" ? <Link to="/watchlist">{t("profiles.nav.watchlist")}</Link> : null}
                  {approved && user.org?.type === "investor" ? <Link to="/investors/profile">{t("profiles.nav.investorProfile")}</Link> : null}
                  {approved && user.org?.type !== "investor" ? <Link to="/profile">{t("profiles.nav.profile")}</Link> : null}
                  <Link to="/account/security">{t("mail.securityTitle")}</Link>
                  <Link to="/account/notifications">{t("mail.cadenceTitle")}</Link>
                  <Link to="/account/sessions">{t("nav.sessions")}</Link>
                  <Form method="post" action="/logout">
                    <button type="submit" className="linklike">{t("nav.signOut")}</button>
                  </Form>
                </div>
              </details>
            </>
          ) : (
            <>
              <Link to="/login" className="btn btn-ghost">{t("nav.signIn")}</Link>
              <Link to="/signup" className="btn btn-primary">{t("nav.signUp")}</Link>
            </>
          )}
        </div>
      </header>
      <div className={navigation.state === "idle" ? "progress" : "progress progress-on"} role="progressbar" aria-hidden={navigation.state === "idle"} aria-label={t("common.loading")} />
      <main id="main" className="main">{children}</main>
      <footer className="footer">{t("app.footer")}</footer>
    </div>
  );
}
