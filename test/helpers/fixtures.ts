import { sql } from "kysely";
import type { Db } from "../../db/index";
import { loadActor } from "../../app/models/accounts/auth.server";
import { creditCodeCheckChar } from "../../app/models/accounts/credit-code";
import { applyForMembership, reviewApplication } from "../../app/models/accounts/organisations.server";
import type { Actor } from "../../app/models/core/permissions";
import { signUp } from "../../app/models/accounts/users.server";
import { verifyEmail } from "../../app/models/accounts/email-verification.server";
import { lastMail, linkIn } from "./mail";
import { beginEnrolment, confirmEnrolment } from "../../app/models/accounts/two-factor.server";
import { totpAt, totpSecrets } from "./app";

export const PASSWORD = "correct horse battery";
let seq = 0;

export function uniqueEmail(prefix = "user") {
  return `${prefix}-${process.pid}-${++seq}-${Math.random().toString(36).slice(2, 7)}@example.test`;
}

/** A valid unified social credit code, different on every call. */
export function creditCode(): string {
  const digits = String(Date.now() % 1e9).padStart(9, "0") + String(++seq).padStart(1, "0");
  const first17 = `914401${digits}`.slice(0, 17).padEnd(17, "1");
  return first17 + creditCodeCheckChar(first17);
}

export async function makeUser(db: Db, opts: { email?: string; role?: "member" | "secretariat" | "moderator"; name?: string; verified?: boolean } = {}) {
  const email = opts.email ?? uniqueEmail();
  const id = (await signUp(db, { email, displayName: opts.name ?? "测试用户", password: PASSWORD }, { origin: "http://test.invalid", locale: "zh-Hans" }))!;
  // No saved language, so each test's client language (Accept-Language) decides what pages speak.
  await db.updateTable("users").set({ locale: null }).where("id", "=", id).execute();
  // Confirmed through the link in the mail, as a real member would.
  if (opts.verified !== false) await verifyEmail(db, linkIn((await lastMail(db, email, "verify_email"))!.text_body).token);
  if (opts.role && opts.role !== "member") {
    await db.updateTable("users").set({ platform_role: opts.role }).where("id", "=", id).execute();
    // Staff sign in with two factors: enrolled as a real one would be, with the previous step's code
    // (so the current and next codes are left for sign-ins).
    // Enrolment belongs to a session: a short one is opened for it and closed after.
    const staff = (await loadActor(db, id))!;
    const sessionId = `fixture-${id}`;
    await db
      .insertInto("sessions")
      .values({ id: sessionId, user_id: id, expires_at: new Date(Date.now() + 60_000) })
      .execute();
    const { secret } = await beginEnrolment(db, staff, sessionId, PASSWORD);
    await confirmEnrolment(db, staff, sessionId, totpAt(secret, Date.now() - 30_000));
    await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
    totpSecrets.set(email.toLowerCase(), secret);
  }
  return { id, email, actor: () => loadActor(db, id) as Promise<Actor> };
}

export function application(overrides: Record<string, unknown> = {}) {
  return {
    type: "enterprise" as const,
    nameZh: `测试数据科技有限公司${++seq}`,
    nameEn: undefined,
    region: "gz_tianhe" as const,
    creditCode: creditCode(),
    contactName: "张三",
    contactEmail: "contact@example.test",
    contactPhone: undefined,
    description: "一家从事数据治理与数据产品开发的企业。",
    ...overrides,
  };
}

/** An approved organisation with its owner, the way the secretariat would leave it. */
export async function makeApprovedOrg(db: Db, secretariat: Actor, overrides: Record<string, unknown> = {}) {
  const owner = await makeUser(db);
  const orgId = await applyForMembership(db, await owner.actor(), application(overrides) as never);
  await reviewApplication(db, secretariat, { orgId, decision: "approve", reason: undefined });
  return { orgId, owner };
}

export async function auditRows(db: Db, entityId: string) {
  return db.selectFrom("audit_log").selectAll().where("entity_id", "=", entityId).orderBy("id").execute();
}

export async function count(db: Db, table: "users" | "organisations" | "audit_log" | "notifications") {
  const r = await db
    .selectFrom(table)
    .select(sql<number>`count(*)::int`.as("n"))
    .executeTakeFirstOrThrow();
  return r.n;
}
