/** The one search box for everything. */
export const search = {
  nav: "Search",
  title: "Search everything",
  intro: "One search across listings, scenarios, member organisations and enterprise profiles, working groups and standard drafts, in Chinese or English.",
  placeholder: "Search listings, scenarios, members, standards…",
  submit: "Search",
  none: "Nothing found for “{{q}}”. Try other words, or fewer of them.",
  count_one: "{{count}} result",
  count_other: "{{count}} results",
  count: "{{count}} results",
  more: "See all",
  kinds: {
    listing: "Listings",
    scenario: "Scenarios",
    organisation: "Members and enterprise profiles",
    group: "Working groups",
    draft: "Standard drafts",
  },
} as const;
