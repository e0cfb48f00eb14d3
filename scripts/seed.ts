import { createDb, migrateToLatest } from "../db/index";
import { seedDemo } from "../db/seed/index";

const db = createDb();
await migrateToLatest(db);
const result = await seedDemo(db);
console.log(result.summary);
await db.destroy();
