import { createDb, migrateToLatest } from "../db/index";

const db = createDb();
const result = await migrateToLatest(db);
for (const r of result.results ?? []) console.log(`${r.status}: ${r.migrationName}`);
if (!result.results?.length) console.log("database is up to date");
await db.destroy();
