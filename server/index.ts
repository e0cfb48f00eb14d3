import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { createDb, migrateToLatest } from "../db/index";
import { seedDemo } from "../db/seed/index";
import { startApp } from "./app";

const started = Date.now();
const db = createDb();
await migrateToLatest(db);
if (process.env.SEED !== "off") {
  const result = await seedDemo(db);
  if (result.created) console.log(result.summary);
}
const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
const port = Number(process.env.PORT ?? 3000);
const app = await startApp({
  db,
  build,
  port,
  logRequests: process.env.LOG_REQUESTS !== "off",
  // Several processes on one Postgres share Socket.IO rooms through it.
  clusterUrl: process.env.DATABASE_URL || undefined,
});
console.log(
  `Yaosu listening on http://localhost:${app.port} (${process.env.DATABASE_URL ? "Postgres" : "PGlite"}, ready in ${Date.now() - started} ms)`,
);

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    console.log(`${signal}: closing`);
    app.close().then(
      () => process.exit(0),
      (e) => {
        console.error(e);
        process.exit(1);
      },
    );
  });
}
