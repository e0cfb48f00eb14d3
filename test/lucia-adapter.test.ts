import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { databaseUser, testAdapter } from "@lucia-auth/adapter-test";
import { KyselyAdapter } from "../app/models/accounts/lucia-adapter.server";
import { dbForSuite } from "./helpers/db";

describe("the Kysely adapter for Lucia", () => {
  const t = dbForSuite();
  beforeAll(async () => {
    await sql`create table adapter_user (id text primary key, username text not null)`.execute(t.db);
    await sql`create table adapter_session (id text primary key, user_id text not null references adapter_user(id), expires_at timestamptz not null, country text)`.execute(
      t.db,
    );
    await sql`insert into adapter_user (id, username) values (${databaseUser.id}, ${(databaseUser.attributes as { username: string }).username})`.execute(t.db);
  });

  it("passes Lucia's own adapter test suite", async () => {
    const adapter = new KyselyAdapter(t.db, {
      userTable: "adapter_user",
      sessionTable: "adapter_session",
      userAttributes: ["username"],
      sessionAttributes: ["country"],
    });
    await expect(testAdapter(adapter)).resolves.toBeUndefined();
  });
});
