import fs from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { afterAll, beforeAll, inject } from "vitest";
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

/**
 * A fresh database for the describe block (or file) it is called in: created before the block's own
 * `beforeAll` hooks (call it first) and dropped after its `afterAll` hooks, so an app started on it is
 * closed before the database goes.
 */
export function dbForSuite(): { readonly db: Db } {
  let t: Awaited<ReturnType<typeof createTestDb>> | undefined;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t?.drop());
  return {
    get db() {
      if (!t) throw new Error("the suite's database is not ready: use it inside a hook or a test");
      return t.db;
    },
  };
}
