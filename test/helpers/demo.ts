import { loadActor } from "../../app/models/accounts/auth.server";
import type { Actor } from "../../app/models/core/permissions";
import { seedDemo } from "../../db/seed/index";
import { startTestApp } from "./app";
import { createTestDb } from "./db";

/**
 * The demo site over HTTP on a fresh database of its own, for tests that act as the seeded
 * members; `ids` are the seeded group, drafting draft, open ballot and first meeting.
 */
export async function startDemoApp(options: { smtpUrl?: string } = {}) {
  const t = await createTestDb();
  const db = t.db;
  await seedDemo(db);
  const app = await startTestApp(db, options);
  const first = async <T extends "working_groups" | "drafts" | "ballots" | "meetings">(table: T, where?: [string, unknown]) => {
    let q = db.selectFrom(table as "drafts").select("id");
    if (where) q = q.where(where[0] as "stage", "=", where[1] as never);
    return (await q.executeTakeFirstOrThrow()).id;
  };
  const ids = {
    group: await first("working_groups"),
    drafting: await first("drafts", ["stage", "drafting"]),
    openBallot: (await db.selectFrom("ballots").select("id").where("closed_at", "is", null).executeTakeFirstOrThrow()).id,
    meeting: await first("meetings"),
  };
  const userId = async (email: string) => (await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
  return {
    db,
    app,
    ids,
    userId,
    actorOf: async (email: string): Promise<Actor> => (await loadActor(db, await userId(email)))!,
    close: async () => {
      await app.close();
      await t.drop();
    },
  };
}
