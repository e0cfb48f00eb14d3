import { sql, type Kysely } from "kysely";

/**
 * Cross-border declarations (issue 35): one per listing that declares a flow across the mainland's
 * border, with the route the rule table (app/models/crossborder/routes.ts) worked out when it was
 * saved, so the secretariat's monitoring view groups and filters flows by route at any size. The
 * lists are copied here as they stood (a migration never reads the app); test/vocabularies.test.ts
 * holds them to db/vocabulary/crossborder.ts.
 */
const list = (values: string[]) => sql.join(values.map((v) => sql.lit(v)));

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("crossborder_declarations")
    .addColumn("listing_id", "uuid", (c) => c.primaryKey().references("listings.id").onDelete("cascade"))
    .addColumn("direction", "text", (c) => c.notNull().check(sql`direction in (${list(["to_hong_kong", "to_macau", "to_elsewhere", "into_mainland", "none"])})`))
    .addColumn("personal_info", "boolean", (c) => c.notNull())
    .addColumn("people", "integer", (c) => c.notNull().defaultTo(0).check(sql`people >= 0`))
    .addColumn("sensitive_people", "integer", (c) => c.notNull().defaultTo(0).check(sql`sensitive_people >= 0`))
    .addColumn("important_data", "boolean", (c) => c.notNull())
    .addColumn("research_data", "boolean", (c) => c.notNull())
    .addColumn("ciio", "boolean", (c) => c.notNull())
    .addColumn("processor_in_gba", "boolean", (c) => c.notNull())
    .addColumn("exemption", "text", (c) => c.check(sql`exemption in (${list(["contract", "hr", "emergency", "collected_abroad", "trade_no_pi"])})`))
    .addColumn("recipient_kind", "text", (c) =>
      c.notNull().check(sql`recipient_kind in (${list(["enterprise", "university", "research", "government", "hospital", "individual", "other"])})`),
    )
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("route", "text", (c) =>
      c
        .notNull()
        .check(sql`route in (${list(["no_flow", "inbound", "exempt", "gba_standard_contract", "contract_or_certification", "security_assessment"])})`),
    )
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index crossborder_declarations_route on crossborder_declarations (route, updated_at desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("crossborder_declarations").ifExists().execute();
}
