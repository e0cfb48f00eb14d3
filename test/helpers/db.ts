import fs from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { inject } from "vitest";
import { createDb, type Db } from "../../db/index";
import { withDatabase } from "../global-setup";

let counter = 0;

/** A fresh, migrated database for one test file: a PGlite clone, or a copy of the Postgres template. */
export async function createTestDb(): Promise<{ db: Db; drop(): Promise<void> }> {
  const pgTemplate = inject("pgTemplate");
  const url = process.env.DATABASE_URL;
  if (pgTemplate && url) {
    const name = `${pgTemplate.replace(/_tpl$/, "")}_${process.pid}_${++counter}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}" template "${pgTemplate}"`);
    const db = createDb({ databaseUrl: withDatabase(url, name), max: 5 });
    return {
      db,
      async drop() {
        await db.destroy();
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
        await admin.end();
      },
    };
  }
  const tar = await fs.readFile(inject("pgliteTemplate"));
  const pg = await PGlite.create({ loadDataDir: new Blob([tar]) });
  const db = createDb({ pglite: pg });
  return { db, drop: () => db.destroy() };
}
