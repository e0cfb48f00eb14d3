import { afterAll, beforeAll } from "vitest";
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
  const ids = {
    group: (await db.selectFrom("working_groups").select("id").executeTakeFirstOrThrow()).id,
    drafting: (await db.selectFrom("drafts").select("id").where("stage", "=", "drafting").executeTakeFirstOrThrow()).id,
    openBallot: (await db.selectFrom("ballots").select("id").where("closed_at", "is", null).executeTakeFirstOrThrow()).id,
    meeting: (await db.selectFrom("meetings").select("id").executeTakeFirstOrThrow()).id,
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

/** The demo site for one describe block: started before its tests, closed after. */
export function demoAppForSuite() {
  let demo: Awaited<ReturnType<typeof startDemoApp>> | undefined;
  beforeAll(async () => {
    demo = await startDemoApp();
  });
  afterAll(() => demo?.close());
  return () => demo!;
}
