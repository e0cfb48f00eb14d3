import { NavLink } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";

/** The group's sub-pages; each is its own route so each capability stays in its own file. */
export function GroupTabs({ groupId, name }: { groupId: string; name: string }) {
  const { t } = useTranslation();
  const tabs = [
    ["", "overview"],
    ["/drafts", "drafts"],
    ["/ballots", "ballots"],
    ["/meetings", "meetings"],
    ["/channel", "channel"],
  ] as const;
  return (
    <div className="stack-sm">
      <h1>{name}</h1>
      <nav className="tabs" aria-label={name}>
        {tabs.map(([path, key]) => (
          <NavLink key={key} to={`/groups/${groupId}${path}`} end={path === ""}>
            {t(`standards.tabs.${key}`)}
          </NavLink>
        ))}
      </nav>
    </div>
  );
}
