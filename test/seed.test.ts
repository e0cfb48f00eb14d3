import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ORG_TYPES } from "../app/models/enums";
import { signIn } from "../app/models/users.server";
import { DEMO_PASSWORD, SECRETARIAT_EMAIL, seedDemo } from "../db/seed";
import { createTestDb } from "./helpers/db";
import { count } from "./helpers/fixtures";

describe("the demo seed", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.drop());

  it("creates at least 12 organisations of every type, including Hong Kong and Macau, with working logins", async () => {
    const result = await seedDemo(t.db);
    expect(result.created).toBe(true);
    const orgs = await t.db.selectFrom("organisations").select(["type", "region", "status"]).execute();
    expect(orgs.length).toBeGreaterThanOrEqual(12);
    expect(new Set(orgs.map((o) => o.type))).toEqual(new Set(ORG_TYPES));
    expect(orgs.map((o) => o.region)).toEqual(expect.arrayContaining(["hong_kong", "macau"]));
    expect(result.summary).toContain(SECRETARIAT_EMAIL);
    await expect(signIn(t.db, { email: SECRETARIAT_EMAIL, password: DEMO_PASSWORD }, "127.0.0.1")).resolves.toBeTypeOf("string");
    for (const login of result.logins) expect(result.summary).toContain(login.email);
  });

  it("is idempotent: a second run changes nothing", async () => {
    const users = await count(t.db, "users");
    const orgs = await count(t.db, "organisations");
    const again = await seedDemo(t.db);
    expect(again.created).toBe(false);
    expect(await count(t.db, "users")).toBe(users);
    expect(await count(t.db, "organisations")).toBe(orgs);
  });
});
