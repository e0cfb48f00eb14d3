import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { listDirectory } from "../accounts/organisations.server";
import { directoryQuerySchema } from "../accounts/account-schema";
import type { Actor } from "../core/permissions";
import { snippet, type Snippet } from "../core/snippet.server";
import { listingQuerySchema } from "../marketplace/listing-schema";
import { searchListings } from "../marketplace/listing-search.server";
import { scenarioQuerySchema } from "../scenarios/scenario-schema";
import { searchScenarios } from "../scenarios/scenarios.server";
import { searchDrafts } from "../standards/drafts.server";
import { searchGroups } from "../standards/groups.server";

/** One search box for everything: each capability searches its own things, with its own rules of who may see what. */
export const FOUND_KINDS = ["listing", "scenario", "organisation", "group", "draft"] as const;
export type FoundKind = (typeof FOUND_KINDS)[number];

export interface Found {
  id: string;
  title: string;
  /** A second name (English, or the code of a draft). */
  alt: string | null;
  href: string;
  /** A short text with the query's words marked. */
  snippet: Snippet[];
  /** What kind of listing, organisation or draft stage it is (an i18n key). */
  label: string | null;
}

export interface FoundGroup {
  kind: FoundKind;
  total: number;
  hits: Found[];
  /** The page that lists every hit of this kind, when there is one. */
  more: string | null;
}

const PER_KIND = 5;
/** Organisations whose page is an enterprise profile. */
const PROFILE_TYPES = new Set(["enterprise", "service_provider"]);

export async function searchEverything(db: Kysely<Database>, actor: Actor | null, q: string): Promise<FoundGroup[]> {
  const query = encodeURIComponent(q);
  const [listings, scenarios, orgs, groups, drafts] = await Promise.all([
    searchListings(db, listingQuerySchema.parse({ q })),
    searchScenarios(db, scenarioQuerySchema.parse({ q })),
    listDirectory(db, directoryQuerySchema.parse({ q })),
    searchGroups(db, q, PER_KIND),
    searchDrafts(db, actor, q, PER_KIND),
  ]);
  return [
    {
      kind: "listing",
      total: listings.total,
      more: `/listings?q=${query}`,
      hits: listings.hits
        .slice(0, PER_KIND)
        .map((h) => ({ id: h.id, title: h.title, alt: h.orgName, href: `/listings/${h.id}`, snippet: h.snippet, label: `enums.kind.${h.kind}` })),
    },
    {
      kind: "scenario",
      total: scenarios.total,
      more: `/scenarios?q=${query}`,
      hits: scenarios.hits
        .slice(0, PER_KIND)
        .map((h) => ({ id: h.id, title: h.title, alt: h.orgName, href: `/scenarios/${h.id}`, snippet: h.snippet, label: `scenarios.stages.${h.stage}` })),
    },
    {
      kind: "organisation",
      total: orgs.total,
      more: `/directory?q=${query}`,
      hits: orgs.organisations.slice(0, PER_KIND).map((o) => ({
        id: o.id,
        title: o.name_zh,
        alt: o.name_en,
        href: PROFILE_TYPES.has(o.type) ? `/enterprises/${o.id}` : `/orgs/${o.id}`,
        snippet: snippet(o.description ?? "", q),
        label: `enums.orgType.${o.type}`,
      })),
    },
    {
      kind: "group",
      total: groups.length,
      more: null,
      hits: groups.map((g) => ({ id: g.id, title: g.name, alt: g.name_en, href: `/groups/${g.id}`, snippet: snippet(g.scope, q), label: null })),
    },
    {
      kind: "draft",
      total: drafts.length,
      more: null,
      hits: drafts.map((d) => ({
        id: d.id,
        title: d.title,
        alt: d.code,
        href: `/groups/${d.group_id}/drafts/${d.id}`,
        snippet: [{ text: d.group_name, marked: false }],
        label: `drafts.stages.${d.stage}`,
      })),
    },
  ];
}
