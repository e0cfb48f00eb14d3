import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { writeAudit } from "../core/audit.server";
import { DomainError, forbidden, notFound } from "../core/errors";
import { canManageOrg, isModerator, isSecretariat, requireOrgManager, requireUser, type Actor, requireApprovedMember, approvedOrg } from "../core/permissions";
import {
  DEFAULT_VISIBILITY,
  PROFILE_FIELDS,
  PROFILE_ORG_TYPES,
  VISIBILITIES,
  canSee,
  completeness,
  completenessFields,
  filledOwnFields,
  type DirectoryFilter,
  type ProfileData,
  type ProfileField,
  type ProfileInput,
  type ViewerLevel,
  type Visibility,
} from "./profile-schema";

type Db = Kysely<Database>;

/**
 * Enterprise and service-provider profiles. Every field has an owner-chosen visibility; the model
 * removes what the viewer may not see before anything leaves it, so no page, JSON or socket can leak
 * an investors-only value.
 */

export interface Viewer {
  actor: Actor | null;
  orgId: string | null;
  orgType: string | null;
  investor: boolean;
}

/** Who is looking: the actor's approved organisation and its type (loaded with the actor). */
export async function viewerOf(_db: Db, actor: Actor | null): Promise<Viewer> {
  const org = approvedOrg(actor);
  if (!org) return { actor, orgId: null, orgType: null, investor: false };
  return { actor, orgId: org.id, orgType: org.type, investor: org.type === "investor" };
}

export function levelFor(viewer: Viewer, orgId: string): ViewerLevel {
  return viewer.orgId === orgId ? 3 : othersLevel(viewer);
}

/** What the viewer may see of organisations other than their own. */
function othersLevel(viewer: Viewer): ViewerLevel {
  if (viewer.investor) return 2;
  if (viewer.orgId || isSecretariat(viewer.actor)) return 1;
  return 0;
}

/** canSee for one field of the row's profile, in SQL, so the directory filters and sorts on what the viewer may see. */
function visibleInSql(viewer: Viewer, field: ProfileField) {
  const audiences = VISIBILITIES.filter((vis) => canSee(othersLevel(viewer), vis)).map((vis) => sql.lit(vis));
  const chosen = sql`coalesce(org_profiles.visibility->>${sql.lit(field)}, ${sql.lit(DEFAULT_VISIBILITY[field])})`;
  const seen = sql<boolean>`${chosen} in (${sql.join(audiences)})`;
  return viewer.orgId ? sql<boolean>`(organisations.id = ${viewer.orgId} or ${seen})` : seen;
}

const HAS_ASSETS = sql<boolean>`exists (select 1 from listings where org_id = organisations.id and status = 'published' and kind = 'supply')`;

/**
 * completeness(type, data).percent in SQL: the stored count of own fields plus the data assets
 * (for the types that count them), over the type's field count, rounded half up like Math.round.
 */
const COMPLETENESS_PERCENT = (() => {
  const fieldCount = sql`case organisations.type ${sql.join(
    PROFILE_ORG_TYPES.map((t) => sql`when ${sql.lit(t)} then ${sql.lit(completenessFields(t).length)}`),
    sql` `,
  )} end`;
  const assetTypes = PROFILE_ORG_TYPES.filter((t) => completenessFields(t).includes("dataAssets")).map((t) => sql.lit(t));
  const filled = sql`coalesce(org_profiles.filled_fields, 0) + case when organisations.type in (${sql.join(assetTypes)}) and ${HAS_ASSETS} then 1 else 0 end`;
  return sql<number>`(200 * (${filled}) + ${fieldCount}) / (2 * ${fieldCount})`;
})();

/**
 * Whether a profile has anything in it (completeness above 0 %): an empty one is not listed to
 * browsers and investors (issue 29), except to its own organisation.
 */
const HAS_ANY_PROFILE = (() => {
  const assetTypes = PROFILE_ORG_TYPES.filter((t) => completenessFields(t).includes("dataAssets")).map((t) => sql.lit(t));
  return sql<boolean>`(coalesce(org_profiles.filled_fields, 0) > 0 or (organisations.type in (${sql.join(assetTypes)}) and ${HAS_ASSETS}))`;
})();

/** Profiles with their data assets `listed`, or for the directory only whether they have any. */
function profileQuery(db: Db, assets: "listed" | "flagged" = "listed") {
  return db
    .selectFrom("organisations")
    .leftJoin("org_profiles", "org_profiles.org_id", "organisations.id")
    .leftJoin("credit_scores", "credit_scores.org_id", "organisations.id")
    .select([
      "organisations.id",
      "organisations.type",
      "organisations.name_zh",
      "organisations.name_en",
      "organisations.region",
      "organisations.description",
      "organisations.created_at",
      "org_profiles.introduction",
      "org_profiles.business_scope",
      "org_profiles.products",
      "org_profiles.sectors",
      "org_profiles.dcmm_level",
      "org_profiles.certifications",
      "org_profiles.service_types",
      "org_profiles.team_size",
      "org_profiles.revenue_band",
      "org_profiles.funding_stage",
      "org_profiles.financing_sought",
      "org_profiles.financing_min",
      "org_profiles.financing_max",
      "org_profiles.financing_use",
      "org_profiles.key_scenarios",
      "org_profiles.visibility",
      "org_profiles.updated_at",
      // A profile lists the newest published supply in the same statement; the directory (up to
      // DIRECTORY_SCAN organisations) only asks whether there is any: at 100,000 listings the lists
      // cost seconds per directory page.
      assets === "listed"
        ? sql<DataAsset[]>`coalesce((
        select json_agg(json_build_object('id', a.id, 'title', a.title) order by a.published_at desc)
        from (
          select id, title, published_at from listings
          where org_id = organisations.id and status = 'published' and kind = 'supply'
          order by published_at desc limit ${MAX_ASSETS}
        ) a), '[]'::json)`.as("assets")
        : sql<DataAsset[]>`'[]'::json`.as("assets"),
      HAS_ASSETS.as("has_assets"),
      // The credit score a job stores per organisation (trust/credit.server.ts): the directory sorts and filters by it.
      "credit_scores.score as credit",
    ])
    .where("organisations.status", "=", "approved")
    .where("organisations.type", "in", [...PROFILE_ORG_TYPES]);
}
type ProfileRow = Awaited<ReturnType<ReturnType<typeof profileQuery>["executeTakeFirstOrThrow"]>>;

const num = (v: string | null | undefined) => (v === null || v === undefined ? null : Number(v));

type DataAsset = { id: string; title: string };
/** A profile lists at most this many of its organisation's published supply listings. */
const MAX_ASSETS = 20;

function fullData(row: ProfileRow): ProfileData {
  return {
    introduction: row.introduction ?? null,
    businessScope: row.business_scope ?? null,
    products: row.products ?? [],
    sectors: row.sectors ?? [],
    dataAssets: row.assets,
    dcmmLevel: row.dcmm_level ?? null,
    certifications: row.certifications ?? [],
    serviceTypes: row.service_types ?? [],
    teamSize: row.team_size ?? null,
    revenueBand: row.revenue_band ?? null,
    fundingStage: row.funding_stage ?? null,
    financing:
      row.financing_sought === null || row.financing_sought === undefined
        ? null
        : { sought: row.financing_sought, min: num(row.financing_min), max: num(row.financing_max), use: row.financing_use ?? null },
    keyScenarios: row.key_scenarios ?? [],
  };
}

function visibilityOf(row: { visibility: Partial<Record<ProfileField, Visibility>> | null }): Record<ProfileField, Visibility> {
  return { ...DEFAULT_VISIBILITY, ...row.visibility };
}

/** A profile as one viewer may see it: fields they may not see are absent, listed in `restricted`. */
export interface ProfileView {
  orgId: string;
  type: string;
  nameZh: string;
  nameEn: string | null;
  region: string;
  description: string;
  createdAt: Date;
  updatedAt: Date | null;
  fields: Partial<ProfileData>;
  /** Names (never values) of fields hidden from this viewer, and the audience that may see them. */
  restricted: { field: ProfileField; visibility: Visibility }[];
  completeness: number;
  own: boolean;
}

function toView(row: ProfileRow, level: ViewerLevel, assets: "listed" | "flagged" = "listed"): ProfileView {
  const data = fullData(row);
  const vis = visibilityOf(row);
  const fields: Partial<ProfileData> = {};
  const restricted: ProfileView["restricted"] = [];
  for (const f of PROFILE_FIELDS) {
    if (f === "serviceTypes" && row.type !== "service_provider") continue;
    if (f === "dataAssets" && assets === "flagged") continue;
    if (canSee(level, vis[f])) (fields as Record<string, unknown>)[f] = data[f];
    else restricted.push({ field: f, visibility: vis[f] });
  }
  return {
    orgId: row.id,
    type: row.type,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    region: row.region,
    description: row.description,
    createdAt: row.created_at,
    updatedAt: row.updated_at ?? null,
    fields,
    restricted,
    completeness: completeness(row.type, data, row.has_assets).percent,
    own: level === 3,
  };
}

/** One profile, honouring visibility. Organisations without a profile type are not found here. */
export async function getProfile(db: Db, actor: Actor | null, orgId: string, viewer?: Viewer): Promise<ProfileView> {
  const v = viewer ?? (await viewerOf(db, actor));
  const row = await profileQuery(db).select(["organisations.hidden_at", "organisations.suspended_at"]).where("organisations.id", "=", orgId).executeTakeFirst();
  if (!row) throw notFound();
  // Hidden or suspended by the moderators: gone for everyone but the organisation itself and the staff.
  if ((row.hidden_at || row.suspended_at) && levelFor(v, orgId) !== 3 && !isModerator(actor)) throw notFound();
  return toView(row, levelFor(v, orgId));
}

/** The owner's editing view: everything, with the chosen visibility and the completeness meter. */
export async function getOwnProfile(db: Db, actor: Actor | null) {
  const a = requireApprovedMember(actor, "profiles.errors.noOrg");
  const row = await profileQuery(db).where("organisations.id", "=", a.org.id).executeTakeFirst();
  if (!row) throw new DomainError(403, "profiles.errors.notProfileType");
  const data = fullData(row);
  return {
    orgId: row.id,
    type: row.type,
    nameZh: row.name_zh,
    data,
    visibility: visibilityOf(row),
    meter: completeness(row.type, data),
    canEdit: canManageOrg(a, a.org.id),
  };
}

export async function updateProfile(db: Db, actor: Actor | null, input: ProfileInput): Promise<void> {
  const a = requireUser(actor);
  if (!a.org) throw forbidden("profiles.errors.noOrg");
  requireOrgManager(a, a.org.id);
  const orgId = a.org.id;
  await db.transaction().execute(async (trx) => {
    const org = await trx.selectFrom("organisations").select("type").where("id", "=", orgId).executeTakeFirstOrThrow();
    if (!(PROFILE_ORG_TYPES as readonly string[]).includes(org.type)) throw new DomainError(403, "profiles.errors.notProfileType");
    const columns = {
      introduction: input.introduction,
      business_scope: input.businessScope,
      products: input.products,
      sectors: input.sectors,
      dcmm_level: input.dcmmLevel,
      certifications: input.certifications,
      service_types: org.type === "service_provider" ? input.serviceTypes : [],
      team_size: input.teamSize,
      revenue_band: input.revenueBand,
      funding_stage: input.fundingStage,
      financing_sought: input.financingSought,
      financing_min: input.financingSought ? input.financingMin : null,
      financing_max: input.financingSought ? input.financingMax : null,
      financing_use: input.financingSought ? input.financingUse : null,
      key_scenarios: input.keyScenarios,
      visibility: JSON.stringify(input.visibility),
      updated_by: a.id,
    };
    const before = await trx
      .selectFrom("org_profiles")
      .select(["dcmm_level", "funding_stage", "visibility"])
      .where("org_id", "=", orgId)
      .forUpdate()
      .executeTakeFirst();
    await trx
      .insertInto("org_profiles")
      .values({ org_id: orgId, ...columns })
      .onConflict((oc) => oc.column("org_id").doUpdateSet({ ...columns, updated_at: sql`now()` }))
      .execute();
    await recountFilledFields(trx, [orgId]);
    await writeAudit(trx, {
      actorId: a.id,
      action: "profile.updated",
      entityType: "organisation",
      entityId: orgId,
      before: before ? { dcmmLevel: before.dcmm_level, fundingStage: before.funding_stage, visibility: before.visibility } : null,
      after: { dcmmLevel: input.dcmmLevel, fundingStage: input.fundingStage, visibility: input.visibility },
    });
  });
}

export const PROFILES_PAGE_SIZE = 20;

/**
 * Browse profiles. Filters and sorting run on what this viewer may see, so filtering by an
 * investors-only field tells a non-investor nothing; they run in SQL, which reads one page of
 * organisations however many there are.
 */
export async function listProfiles(db: Db, actor: Actor | null, filter: DirectoryFilter, viewer?: Viewer) {
  const v = viewer ?? (await viewerOf(db, actor));
  const visible = (f: ProfileField) => visibleInSql(v, f);
  let q = profileQuery(db, "flagged").where("organisations.hidden_at", "is", null).where("organisations.suspended_at", "is", null);
  q = q.where(v.orgId ? sql<boolean>`(organisations.id = ${v.orgId} or ${HAS_ANY_PROFILE})` : HAS_ANY_PROFILE);
  if (filter.type) q = q.where("organisations.type", "=", filter.type);
  if (filter.region) q = q.where("organisations.region", "=", filter.region);
  if (filter.sector) q = q.where(sql<boolean>`${visible("sectors")} and org_profiles.sectors @> array[${filter.sector}]::text[]`);
  if (filter.dcmm) q = q.where(sql<boolean>`${visible("dcmmLevel")} and org_profiles.dcmm_level = ${filter.dcmm}`);
  if (filter.stage) q = q.where(sql<boolean>`${visible("fundingStage")} and org_profiles.funding_stage = ${filter.stage}`);
  if (filter.financing) q = q.where(sql<boolean>`${visible("financing")} and org_profiles.financing_sought = ${filter.financing === "yes"}`);
  if (filter.service) {
    q = q.where(
      sql<boolean>`organisations.type = 'service_provider' and ${visible("serviceTypes")} and org_profiles.service_types @> array[${filter.service}]::text[]`,
    );
  }
  if (filter.minCredit !== undefined) q = q.where("credit_scores.score", ">=", filter.minCredit);
  if (filter.sort === "completeness") q = q.orderBy(COMPLETENESS_PERCENT, "desc");
  else if (filter.sort === "credit") q = q.orderBy("credit_scores.score", (ob) => ob.desc().nullsLast());
  else if (filter.sort === "dcmm") q = q.orderBy(sql`case when ${visible("dcmmLevel")} then org_profiles.dcmm_level end`, sql`desc nulls last`);
  // Newest members first, also among equals of the sorts above.
  q = q.orderBy("organisations.created_at", "desc").orderBy("organisations.id", "desc");
  // The page's ids first, then their columns: a row's columns (its data assets flag, a subquery) cost
  // per row, and at 10,000 organisations a query that computes them before the limit costs hundreds of ms.
  const ids = (
    await q
      .clearSelect()
      .select("organisations.id")
      .limit(PROFILES_PAGE_SIZE)
      .offset((filter.page - 1) * PROFILES_PAGE_SIZE)
      .execute()
  ).map((r) => r.id);
  const found = ids.length ? await profileQuery(db, "flagged").where("organisations.id", "in", ids).execute() : [];
  const byId = new Map(found.map((r) => [r.id, r]));
  const rows = ids.flatMap((id) => byId.get(id) ?? []);
  // Counted apart, for the same reason (a window count would compute every row's columns).
  const counted = await q
    .clearSelect()
    .clearOrderBy()
    .select(sql<number>`count(*)::int`.as("n"))
    .executeTakeFirstOrThrow();
  const total = Number(counted.n);
  return {
    profiles: rows.map((r) => ({ ...toView(r, levelFor(v, r.id), "flagged"), credit: r.credit })),
    total,
    pageSize: PROFILES_PAGE_SIZE,
    level: v.investor ? 2 : v.orgId ? 1 : 0,
  };
}

/** Stores how many own fields each given profile has filled, which the directory sorts by. */
async function recountFilledFields(db: Db, orgIds: string[]): Promise<void> {
  if (orgIds.length === 0) return;
  const rows = await profileQuery(db, "flagged").where("organisations.id", "in", orgIds).execute();
  for (const r of rows) {
    await db
      .updateTable("org_profiles")
      .set({ filled_fields: filledOwnFields(r.type, fullData(r)) })
      .where("org_id", "=", r.id)
      .execute();
  }
}

/** Counts the profiles saved before the count was stored (at server start); returns how many. */
export async function countUncountedProfiles(db: Db): Promise<number> {
  const rows = await db.selectFrom("org_profiles").select("org_id").where("filled_fields", "is", null).execute();
  const orgIds = rows.map((r) => r.org_id);
  await recountFilledFields(db, orgIds);
  return orgIds.length;
}

/** A view by a member of another approved organisation, counted once per viewing organisation per day. */
export async function recordView(db: Db, actor: Actor | null, orgId: string): Promise<boolean> {
  const viewerOrg = approvedOrg(actor)?.id ?? null;
  if (!viewerOrg || viewerOrg === orgId) return false;
  const res = await db
    .insertInto("profile_views")
    .values({ target_org_id: orgId, viewer_org_id: viewerOrg, day: sql<string>`(now() at time zone 'Asia/Shanghai')::date` })
    .onConflict((oc) => oc.columns(["target_org_id", "day", "viewer_org_id"]).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export interface InterestWeek {
  week: string;
  views: number;
  watchers: number;
}

/**
 * Aggregate interest for the owner: views and new watchers per week for the last 8 weeks, and how
 * many watch now. Never who.
 */
export async function profileInterest(db: Db, actor: Actor | null): Promise<{ weeks: InterestWeek[]; watchingNow: number }> {
  const a = requireApprovedMember(actor, "profiles.errors.noOrg");
  const orgId = a.org.id;
  const { rows } = await sql<{ week: string; views: number; watchers: number }>`
    with weeks as (
      select generate_series(
        date_trunc('week', (now() at time zone 'Asia/Shanghai'))::date - 49,
        date_trunc('week', (now() at time zone 'Asia/Shanghai'))::date,
        interval '7 days')::date as week
    )
    select to_char(w.week, 'YYYY-MM-DD') as week,
      (select count(*)::int from profile_views v where v.target_org_id = ${orgId} and v.day >= w.week and v.day < w.week + 7) as views,
      (select count(*)::int from watchlist l where l.target_org_id = ${orgId}
         and (l.created_at at time zone 'Asia/Shanghai')::date >= w.week and (l.created_at at time zone 'Asia/Shanghai')::date < w.week + 7) as watchers
    from weeks w order by w.week`.execute(db);
  const now = await db
    .selectFrom("watchlist")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("target_org_id", "=", orgId)
    .executeTakeFirstOrThrow();
  return { weeks: rows.map((r) => ({ week: r.week, views: Number(r.views), watchers: Number(r.watchers) })), watchingNow: now.n };
}
