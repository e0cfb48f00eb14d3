import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import postgres from "postgres";
import { createDb, migrateToLatest } from "../db/index";
import { withDatabase } from "./global-setup";

const run = promisify(execFile);
const tsx = (script: string, args: string[], env: Record<string, string>) =>
  run("npx", ["tsx", script, ...args], { env: { ...process.env, ...env }, timeout: 120_000 });

/** Backup and restore round trips through the operator's commands, on both backends. */
describe("backup and restore", () => {
  const dirs: string[] = [];
  const tmp = async () => {
    const d = await fs.mkdtemp(path.join(os.tmpdir(), "yaosu-backup-"));
    dirs.push(d);
    return d;
  };
  afterAll(async () => {
    for (const d of dirs) await fs.rm(d, { recursive: true, force: true });
  });

  const marker = `backup-${process.pid}-${Date.now()}@example.test`;
  async function writeMarker(db: ReturnType<typeof createDb>) {
    await migrateToLatest(db);
    await db.insertInto("users").values({ email: marker, display_name: "备份", password_hash: "x" }).execute();
  }
  const hasMarker = async (db: ReturnType<typeof createDb>) => !!(await db.selectFrom("users").select("id").where("email", "=", marker).executeTakeFirst());

  // Each suite run tests the backend it runs on (npm test: PGlite; DATABASE_URL set: Postgres).
  if (!process.env.DATABASE_URL)
    it("PGlite: a stopped folder round-trips; a live one is refused with a clear message", async () => {
      const root = await tmp();
      const source = path.join(root, "source", "pglite");
      const db = createDb({ dataDir: source });
      await writeMarker(db);
      // While it is open, the backup is refused: one writer per folder.
      const refused = await tsx("scripts/backup.ts", [path.join(root, "live.tar.gz")], { PGLITE_DIR: source, DATABASE_URL: "" }).catch((e) => e);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`is open in process ${process.pid}`);
      await db.destroy();

      const file = path.join(root, "copy.tar.gz");
      await tsx("scripts/backup.ts", [file], { PGLITE_DIR: source, DATABASE_URL: "" });
      const target = path.join(root, "target", "pglite");
      await tsx("scripts/restore.ts", [file], { PGLITE_DIR: target, DATABASE_URL: "" });
      const restored = createDb({ dataDir: target });
      expect(await hasMarker(restored)).toBe(true);
      await restored.destroy();
      // A folder that holds a database is not overwritten without --force.
      const again = await tsx("scripts/restore.ts", [file], { PGLITE_DIR: target, DATABASE_URL: "" }).catch((e) => e);
      expect(again.code).toBe(1);
    }, 120_000);

  if (process.env.DATABASE_URL)
    it("Postgres: pg_dump and pg_restore round-trip into an empty database", async () => {
      const url = process.env.DATABASE_URL!;
      const names = [`yaosu_bk_src_${process.pid}`, `yaosu_bk_dst_${process.pid}`];
      const admin = postgres(url, { max: 1, onnotice: () => {} });
      for (const n of names) {
        await admin.unsafe(`drop database if exists "${n}" with (force)`);
        await admin.unsafe(`create database "${n}"`);
      }
      try {
        const source = createDb({ databaseUrl: withDatabase(url, names[0]), max: 2 });
        await writeMarker(source);
        await source.destroy();
        const file = path.join(await tmp(), "copy.dump");
        await tsx("scripts/backup.ts", [file], { DATABASE_URL: withDatabase(url, names[0]) });
        await tsx("scripts/restore.ts", [file], { DATABASE_URL: withDatabase(url, names[1]) });
        const restored = createDb({ databaseUrl: withDatabase(url, names[1]), max: 2 });
        expect(await hasMarker(restored)).toBe(true);
        await restored.destroy();
      } finally {
        for (const n of names) await admin.unsafe(`drop database if exists "${n}" with (force)`);
        await admin.end();
      }
    }, 120_000);
});
