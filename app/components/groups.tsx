import { NavLink } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";

/** The group's sub-pages; each is its own route so each capability stays in its own file. */
export function GroupTabs({ groupId, name, rooms = true }: { groupId: string; name: string; rooms?: boolean }) {
  const { t } = useTranslation();
  // Ballots, meetings and the channel only for those who may enter them (seesGroupRooms): no tab leads to a 403.
  const tabs = [
    ["", "overview"],
    ["/drafts", "drafts"],
    ...(rooms
      ? ([
          ["/ballots", "ballots"],
          ["/meetings", "meetings"],
          ["/channel", "channel"],
        ] as const)
      : []),
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
