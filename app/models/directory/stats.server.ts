import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { DRAFT_STAGES } from "../standards/draft-schema";
import { isSecretariat, type Actor } from "../core/permissions";
import { sharedFigures } from "../core/shared-figures.server";

type Db = Kysely<Database>;

export interface Count {
  key: string;
  n: number;
}

async function counts(db: Db, query: ReturnType<typeof sql<Count>>): Promise<Count[]> {
  const { rows } = await query.execute(db);
  return rows.map((r) => ({ key: r.key, n: Number(r.n) }));
}

/** Public aggregates are the same for every viewer and move slowly: computed at most once a minute. */
const publicStatistics = sharedFigures(60_000, computePublicStatistics);

async function computePublicStatistics(db: Db) {
  const [membersByType, membersByRegion, listingsBySector, listingsByCategory, monthly, scenariosByStage, draftsByStage, groups] = await Promise.all([
    counts(db, sql<Count>`select type as key, count(*)::int as n from organisations where status = 'approved' group by type order by n desc`),
    counts(db, sql<Count>`select region as key, count(*)::int as n from organisations where status = 'approved' group by region order by n desc`),
    sql<{ sector: string; kind: string; n: number }>`
      select s as sector, kind, count(*)::int as n from listings, unnest(sectors) as s
      where status = 'published' group by s, kind order by s`.execute(db),
    counts(db, sql<Count>`select data_category as key, count(*)::int as n from listings where status = 'published' group by data_category order by n desc`),
    sql<{ month: string; matches: number; deals: number }>`
      with months as (
        select to_char(date_trunc('month', now()) - make_interval(months => g), 'YYYY-MM') as month
        from generate_series(0, 11) as g
      )
      select m.month,
        (select count(*)::int from matches where status <> 'suggested' and to_char(created_at, 'YYYY-MM') = m.month) as matches,
        (select count(*)::int from deal_filings where to_char(filed_at, 'YYYY-MM') = m.month) as deals
      from months m order by m.month`.execute(db),
    counts(db, sql<Count>`select stage as key, count(*)::int as n from scenarios group by stage`),
    counts(db, sql<Count>`select stage as key, count(*)::int as n from drafts group by stage`),
    sql<{ n: number }>`select count(*)::int as n from working_groups`.execute(db),
  ]);
  const bySector = new Map<string, { sector: string; supply: number; demand: number }>();
  for (const r of listingsBySector.rows) {
    const row = bySector.get(r.sector) ?? { sector: r.sector, supply: 0, demand: 0 };
    row[r.kind as "supply" | "demand"] = Number(r.n);
    bySector.set(r.sector, row);
  }
  return {
    membersByType,
    membersByRegion,
    listingsBySector: [...bySector.values()].sort((a, b) => b.supply + b.demand - (a.supply + a.demand)),
    listingsByCategory,
    monthly: monthly.rows.map((r) => ({ month: r.month, matches: Number(r.matches), deals: Number(r.deals) })),
    scenariosByStage: ["proposed", "pilot", "demonstration"].map((key) => ({ key, n: scenariosByStage.find((c) => c.key === key)?.n ?? 0 })),
    // Standard projects in stage order (预研 -> 发布); withdrawn ones are history, not pipeline.
    draftsByStage: DRAFT_STAGES.filter((key) => key !== "withdrawn").map((key) => ({ key, n: draftsByStage.find((c) => c.key === key)?.n ?? 0 })),
    workingGroups: Number(groups.rows[0].n),
  };
}

/**
 * Alliance statistics. Everyone sees public aggregates of approved and published things (up to a
 * minute old); the secretariat also sees the work in progress (queues, statuses, activity), live.
 */
export async function allianceStatistics(db: Db, actor: Actor | null) {
  const publicStats = await publicStatistics(db);
  if (!isSecretariat(actor)) return { ...publicStats, internal: null };
  const [listingStatuses, matchStatuses, queues, active] = await Promise.all([
    counts(db, sql<Count>`select status as key, count(*)::int as n from listings group by status order by n desc`),
    counts(db, sql<Count>`select status as key, count(*)::int as n from matches group by status order by n desc`),
    sql<{ applications: number; listings: number }>`
      select (select count(*)::int from organisations where status = 'pending') as applications,
             (select count(*)::int from listings where status = 'pending_review') as listings`.execute(db),
    sql<{ n: number }>`select count(distinct user_id)::int as n from sessions where created_at > now() - interval '30 days'`.execute(db),
  ]);
  return {
    ...publicStats,
    internal: {
      listingStatuses,
      matchStatuses,
      pendingApplications: Number(queues.rows[0].applications),
      pendingListings: Number(queues.rows[0].listings),
      activeUsers30d: Number(active.rows[0].n),
    },
  };
}
