import { sql, type Kysely } from "kysely";

/**
 * Scenarios of mutual recognition (issue 35): a scenario may carry the areas of the policy's
 * cross-border pilot it serves (item 二十). Null is a scenario that does not cross the border; a
 * list is never empty. The list is copied here as it stood (a migration never reads the app);
 * test/crossborder-scenarios.test.ts holds it to db/vocabulary/crossborder.ts.
 */
const AREAS = ["business_registration", "social_credit", "social_insurance", "food_safety", "health_care", "product_tracing"];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("scenarios")
    .addColumn("crossborder_areas", sql`text[]`, (c) =>
      c.check(sql`cardinality(crossborder_areas) > 0 and crossborder_areas <@ array[${sql.join(AREAS.map((a) => sql.lit(a)))}]::text[]`),
    )
    .execute();
  await sql`create index scenarios_crossborder on scenarios (updated_at desc) where crossborder_areas is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists scenarios_crossborder`.execute(db);
  await db.schema.alterTable("scenarios").dropColumn("crossborder_areas").execute();
}
