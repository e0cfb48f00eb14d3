import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../app/models/accounts/api-keys.server";
import { isDatabaseUnavailable } from "../app/models/core/errors";
import { startTestApp } from "./helpers/app";
import { dbForSuite } from "./helpers/db";
import { makeApprovedOrg, makeUser } from "./helpers/fixtures";
import { listingInput } from "./helpers/listings";

/**
 * A request the timeout answered with "503, try again" must not write afterwards: the statements it
 * still had queued or running are refused or cancelled (db/request-scope.ts), so a resubmission
 * writes exactly once. The write is held back by a lock on its table (on PGlite, by the one
 * connection the lock's transaction holds) past the request timeout, then the lock goes.
 */
describe("a request answered by the timeout", () => {
  const t = dbForSuite();
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let key: string;

  beforeAll(async () => {
    const secretariat = await (await makeUser(t.db, { role: "secretariat" })).actor();
    const org = await makeApprovedOrg(t.db, secretariat);
    key = (await createApiKey(t.db, await org.owner.actor(), org.orgId, "timeout")).key;
    app = await startTestApp(t.db, { requestTimeoutMs: 1500 });
  });
  afterAll(async () => {
    await app.close();
  });

  const post = (externalId: string, headers: Record<string, string> = {}) =>
    fetch(`${app.baseUrl}/api/v1/listings`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
      body: JSON.stringify(listingInput({ title: `超时演练数据集 ${externalId}`, externalId })),
    });
  const stored = async (externalId: string) => (await t.db.selectFrom("listings").select("id").where("external_id", "=", externalId).execute()).length;

  /** Holds the listings table locked until the returned function is called. */
  async function lockListings(): Promise<() => Promise<void>> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const holder = t.db.transaction().execute(async (trx) => {
      await sql`lock table listings in access exclusive mode`.execute(trx);
      locked();
      await released;
    });
    await lockTaken;
    return async () => {
      release();
      await holder;
    };
  }

  it("an Idempotency-Key claimed by a request that timed out is not stuck: the retry writes once and replays after", async () => {
    const headers = { "idempotency-key": `timeout-${process.pid}` };
    const unlock = await lockListings();
    const res = await post("keyed-1", headers);
    expect(res.status).toBe(503);
    await unlock();
    const retry = await post("keyed-1", headers);
    expect(retry.status).toBe(201);
    const replay = await post("keyed-1", headers);
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await stored("keyed-1")).toBe(1);
  });

  it("answers a retryable 503 and never commits the write later; the retry writes once", async () => {
    const unlock = await lockListings();
    const res = await post("late-1");
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBeTruthy();
    await unlock();
    // The retry's statements queue behind whatever the answered request still had (PGlite runs them
    // in order; on Postgres they were cancelled at the timeout): one listing means the late one never landed.
    const retry = await post("late-1");
    expect(retry.status).toBe(201);
    expect(await stored("late-1")).toBe(1);
  });

  it("leaves the process serving: nothing is written to an answered response", async () => {
    expect((await fetch(`${app.baseUrl}/`)).status).toBe(200);
  });
});

describe("what counts as the database being unavailable", () => {
  it("maps full connections, statement timeouts, lock timeouts and deadlocks to a retryable 503", () => {
    for (const code of ["53300", "53100", "57014", "55P03", "40001", "40P01", "08006", "57P01", "ETIMEDOUT"]) {
      expect(isDatabaseUnavailable({ code }), code).toBe(true);
    }
    expect(isDatabaseUnavailable({ message: "sorry, too many clients already" })).toBe(true);
    for (const code of ["23505", "22P02", "42703"]) expect(isDatabaseUnavailable({ code }), code).toBe(false);
  });
});
