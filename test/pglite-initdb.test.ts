import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createDb, migrateToLatest } from "../db/index";
import { initdbCachePath } from "../db/pglite-initdb-cache.mjs";

describe("a new embedded database starts from the empty cluster the install kept", () => {
  it("the install kept it, and a new folder opened from it is a working database that outlives a restart", async () => {
    // npm ci ran the postinstall step (scripts/pglite-initdb.mjs) before these tests.
    expect(fs.statSync(initdbCachePath()).size).toBeGreaterThan(1_000_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "yaosu-initdb-"));
    const dataDir = path.join(dir, "data", "pglite");
    try {
      const db = createDb({ dataDir });
      await migrateToLatest(db);
      await sql`create table kept (v text)`.execute(db);
      await sql`insert into kept values ('after a restart')`.execute(db);
      await db.destroy();
      expect(fs.existsSync(path.join(dataDir, "PG_VERSION"))).toBe(true);

      // Opened again: the folder is resumed, not loaded from the kept cluster over it.
      const again = createDb({ dataDir });
      const { rows } = await sql<{ v: string }>`select v from kept`.execute(again);
      expect(rows).toEqual([{ v: "after a restart" }]);
      const tables = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_name = 'listings'`.execute(again);
      expect(tables.rows[0].n).toBe(1);
      await again.destroy();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
