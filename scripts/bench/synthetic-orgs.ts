/**
 * Generated member organisations for the directory benchmarks (bench:http BENCH_ORGS): enterprises
 * with a profile, and investors' introduction requests to them, answered on time, late or not at
 * all, so the credit job finds varied records. Seeded (BENCH_SEED), written in batches.
 */
import crypto from "node:crypto";
import type { Db } from "../../db/index";
import { SECTORS } from "../../app/models/core/enums";
import { orgName, rnd } from "./synthetic-listings";

const BATCH = 500;
const INVESTORS = 20;
const DAY = 86_400_000;

const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];

/** Inserts `n` enterprises (and INVESTORS investors) with owners and profiles; returns how many introductions it wrote. */
export async function loadOrganisations(db: Db, n: number): Promise<number> {
  const now = Date.now();
  const orgs = Array.from({ length: n + INVESTORS }, (_, i) => ({
    id: crypto.randomUUID(),
    user: crypto.randomUUID(),
    investor: i >= n,
    i,
  }));
  for (let i = 0; i < orgs.length; i += BATCH) {
    const batch = orgs.slice(i, i + BATCH);
    await db
      .insertInto("users")
      .values(batch.map((o) => ({ id: o.user, email: `org${o.i}@bench-orgs.test`, display_name: `org ${o.i}`, password_hash: "x" })))
      .execute();
    await db
      .insertInto("organisations")
      .values(
        batch.map((o) => ({
          id: o.id,
          type: o.investor ? "investor" : "enterprise",
          name_zh: `${orgName(o.i)}${o.i}`,
          region: "gba",
          contact_name: "联系人",
          contact_email: `org${o.i}@bench-orgs.test`,
          description: "生成的成员单位",
          status: "approved" as const,
          applied_by: o.user,
          created_at: new Date(now - Math.floor(rnd() * 700) * DAY),
        })),
      )
      .execute();
    await db
      .insertInto("org_members")
      .values(batch.map((o) => ({ org_id: o.id, user_id: o.user, role: "owner" as const })))
      .execute();
    const enterprises = batch.filter((o) => !o.investor);
    if (enterprises.length) {
      await db
        .insertInto("org_profiles")
        .values(
          enterprises.map((o) => ({
            org_id: o.id,
            introduction: "数据产品与服务。",
            sectors: [pick(SECTORS), pick(SECTORS)],
            dcmm_level: 1 + Math.floor(rnd() * 5),
            filled_fields: 3,
            products: [],
            certifications: [],
            service_types: [],
            key_scenarios: [],
            visibility: "{}",
          })),
        )
        .execute();
    }
  }
  // Introductions: 0-6 per enterprise from the investors, answered within a day, after ten days, or never.
  const investors = orgs.filter((o) => o.investor);
  const intros: {
    investor_org_id: string;
    target_org_id: string;
    requested_by: string;
    message: string;
    status: "accepted" | "pending";
    created_at: Date;
    responded_at: Date | null;
  }[] = [];
  for (const o of orgs) {
    if (o.investor) continue;
    const count = Math.floor(rnd() * 7);
    for (let k = 0; k < count; k++) {
      const inv = investors[(o.i + k) % investors.length];
      const created = new Date(now - (20 + Math.floor(rnd() * 300)) * DAY);
      const r = rnd();
      const responded = r < 0.6 ? new Date(created.getTime() + DAY) : r < 0.8 ? new Date(created.getTime() + 10 * DAY) : null;
      intros.push({
        investor_org_id: inv.id,
        target_org_id: o.id,
        requested_by: inv.user,
        message: "希望了解贵司。",
        status: responded ? "accepted" : "pending",
        created_at: created,
        responded_at: responded,
      });
    }
  }
  // One pending request per pair (introductions_open_pair): later pending ones of a pair are answered.
  const open = new Set<string>();
  for (const x of intros) {
    if (x.status !== "pending") continue;
    const pair = `${x.investor_org_id}/${x.target_org_id}`;
    if (open.has(pair)) {
      x.status = "accepted";
      x.responded_at = new Date(x.created_at.getTime() + DAY);
    } else open.add(pair);
  }
  for (let i = 0; i < intros.length; i += BATCH)
    await db
      .insertInto("introductions")
      .values(intros.slice(i, i + BATCH))
      .execute();
  return intros.length;
}
