import crypto from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { createDb, migrateToLatest, type Db } from "../../db/index";
import { loadActor } from "../../app/models/accounts/auth.server";
import { applyForMembership, reviewApplication } from "../../app/models/accounts/organisations.server";
import { signUp } from "../../app/models/accounts/users.server";
import type { Actor } from "../../app/models/core/permissions";
import { listingInputSchema } from "../../app/models/marketplace/listing-schema";
import { createListing, reviewListing } from "../../app/models/marketplace/listings.server";
import type { EvalListing } from "./set";

/**
 * The database to evaluate on: in-memory PGlite by default; with EVAL_SCALE, PGlite in a temporary
 * directory (100,000 listings and their postings do not fit the in-memory file system comfortably);
 * with EVAL_DATABASE_URL, a fresh Postgres database created for the run and dropped after it.
 */
async function openDatabase(): Promise<{ db: Db; close(): Promise<void>; backend: string }> {
  const url = process.env.EVAL_DATABASE_URL;
  if (url) {
    const name = `yaosu_eval_${crypto.randomBytes(4).toString("hex")}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const db = createDb({ databaseUrl: u.toString(), max: 4, statementTimeoutMs: 0 });
    return {
      db,
      backend: "postgres",
      async close() {
        await db.destroy();
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
        await admin.end();
      },
    };
  }
  if (Number(process.env.EVAL_SCALE ?? 0) > 0) {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "yaosu-eval-"));
    const db = createDb({ dataDir: dir });
    return {
      db,
      backend: "pglite (on disk)",
      async close() {
        await db.destroy();
        await fs.rm(dir, { recursive: true, force: true });
      },
    };
  }
  const db = createDb({ pglite: await PGlite.create() });
  return { db, backend: "pglite", close: () => db.destroy() };
}

/**
 * A fresh database with a secretariat and a few approved member organisations; listings go in as
 * members post them (createListing, submitted, approved by the secretariat), so the index, the word
 * statistics and the stored matches are the real ones.
 */
export async function evalDatabase() {
  const { db, close, backend } = await openDatabase();
  await migrateToLatest(db);
  const person = async (name: string): Promise<string> => {
    const email = `${name}@eval.test`;
    const id = (await signUp(db, { email, displayName: name, password: "eval password 2026" }, { origin: "http://eval.test", locale: "zh-Hans" }))!;
    // The accounts are scaffolding, not what is measured: confirmed directly.
    await db.updateTable("users").set({ email_verified_at: new Date() }).where("id", "=", id).execute();
    return id;
  };
  const secretariatId = await person("secretariat");
  await db.updateTable("users").set({ platform_role: "secretariat" }).where("id", "=", secretariatId).execute();
  const secretariat = (await loadActor(db, secretariatId))!;
  const member = async (name: string, i: number): Promise<Actor> => {
    const userId = await person(name);
    const orgId = await applyForMembership(db, (await loadActor(db, userId))!, {
      type: "enterprise",
      nameZh: `评测单位${i}数据有限公司`,
      nameEn: undefined,
      // Hong Kong members need no credit code; the region plays no part in what is measured.
      region: "hong_kong",
      creditCode: undefined,
      contactName: name,
      contactEmail: `${name}@eval.test`,
      contactPhone: undefined,
      description: "评测用的成员单位。",
    } as never);
    await reviewApplication(db, secretariat, { orgId, decision: "approve", reason: undefined });
    return (await loadActor(db, userId))!;
  };
  const suppliers = await Promise.all([0, 1, 2].map((i) => member(`supplier${i}`, i)));
  const buyer = await member("buyer", 3);

  const publish = async (poster: Actor, l: EvalListing, kind: "supply" | "demand", sectors = l.sectors, variant = ""): Promise<string> => {
    const input = listingInputSchema.parse({
      kind,
      title: l.title,
      description: l.description,
      dataCategory: l.dataCategory,
      grade: "general",
      rights: l.rights,
      deliveryModes: l.deliveryModes,
      pricingModel: l.pricingModel,
      priceMin: l.priceMin,
      priceMax: l.priceMax,
      sectors,
      regions: l.regions,
      tags: l.tags,
      updateFrequency: l.updateFrequency,
      timeCoverage: null,
      fields: [],
      sampleDescription: null,
      scenario: l.scenario,
      compliance: { personalInfo: false, legalBasis: null, importantData: false, crossBorder: false, declaration: null },
      contactName: "评测",
      contactEmail: "contact@eval.test",
      contactPhone: null,
      externalId: `${l.key}${variant}`,
    });
    const id = await createListing(db, poster, input, { submit: true });
    await reviewListing(db, secretariat, id, { decision: "approve", reason: null });
    return id;
  };
  return { db, suppliers, buyer, publish, close, backend };
}

/** Publishes every supply listing, spread over the supplier organisations; returns id -> key. */
export async function publishSupply(fx: Awaited<ReturnType<typeof evalDatabase>>, supply: EvalListing[]) {
  const keyOf = new Map<string, string>();
  for (const [i, l] of supply.entries()) keyOf.set(await fx.publish(fx.suppliers[i % fx.suppliers.length], l, "supply"), l.key);
  return keyOf;
}
