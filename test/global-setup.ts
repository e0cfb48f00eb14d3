import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { createDb, migrateToLatest } from "../db/index";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string;
  }
}

/**
 * Migrates once per run. PGlite: a migrated data dir dumped to a tarball that each test file loads.
 * Postgres: a migrated template database that each test file copies with CREATE DATABASE ... TEMPLATE.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const prefix = `yaosu_t${process.pid}_${Date.now().toString(36)}`;
    const template = `${prefix}_tpl`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${template}"`);
    const db = createDb({ databaseUrl: withDatabase(url, template), max: 1 });
    await migrateToLatest(db);
    await db.destroy();
    project.provide("pgTemplate", template);
    project.provide("pgliteTemplate", "");
    return async () => {
      const rows = await admin`select datname from pg_database where datname like ${prefix + "%"}`;
      for (const r of rows) await admin.unsafe(`drop database if exists "${r.datname}" with (force)`);
      await admin.end();
    };
  }
  const pg = new PGlite();
  const db = createDb({ pglite: pg });
  await migrateToLatest(db);
  const dump = await pg.dumpDataDir("none");
  const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), "yaosu-tpl-")), "template.tar");
  await fs.writeFile(file, Buffer.from(await dump.arrayBuffer()));
  await db.destroy();
  project.provide("pgliteTemplate", file);
  project.provide("pgTemplate", "");
  return async () => {
    await fs.rm(path.dirname(file), { recursive: true, force: true });
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
