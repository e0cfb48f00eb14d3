import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import { MAX_LIVE_KEYS_PER_ORG, authenticateApiKey, createApiKey, revokeApiKey } from "../app/models/accounts/api-keys.server";
import { LIMITS } from "../app/models/core/rate-limit.server";
import type { Actor } from "../app/models/core/permissions";
import { dbForSuite } from "./helpers/db";
import { auditRows, makeApprovedOrg, makeUser } from "./helpers/fixtures";

describe("API key limits an attacker cannot turn around", () => {
  const t = dbForSuite();
  let db: Db;
  let secretariat: Actor;
  beforeAll(async () => {
    db = t.db;
    secretariat = await (await makeUser(db, { role: "secretariat" })).actor();
  });

  it("a revoked key is rate-limited like a live one and its replays write one audit row, not one per call", { timeout: 120_000 }, async () => {
    const { orgId, owner } = await makeApprovedOrg(db, secretariat);
    const { key, id } = await createApiKey(db, await owner.actor(), orgId, "leaked");
    await revokeApiKey(db, await owner.actor(), orgId, id);
    const statuses: number[] = [];
    for (let i = 0; i < LIMITS.apiPerKey.limit + 5; i++)
      statuses.push(
        await authenticateApiKey(db, key).then(
          () => 200,
          (e: { status: number }) => e.status,
        ),
      );
    expect(statuses.slice(0, LIMITS.apiPerKey.limit).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(LIMITS.apiPerKey.limit)).toEqual([429, 429, 429, 429, 429]);
    expect((await auditRows(db, id)).map((a) => a.action)).toEqual(["api_key.created", "api_key.revoked", "api_key.used_after_revocation"]);
  });

  it("an unknown key of the right shape is rate-limited too", { timeout: 120_000 }, async () => {
    const unknown = `yk_${"Q".repeat(40)}`;
    let last = 0;
    for (let i = 0; i <= LIMITS.apiPerKey.limit; i++)
      last = await authenticateApiKey(db, unknown).then(
        () => 200,
        (e: { status: number }) => e.status,
      );
    expect(last).toBe(429);
  });

  it("an organisation holds at most ten live keys; revoking one makes room", async () => {
    const { orgId, owner } = await makeApprovedOrg(db, secretariat);
    const ids: string[] = [];
    for (let i = 0; i < MAX_LIVE_KEYS_PER_ORG; i++) ids.push((await createApiKey(db, await owner.actor(), orgId, `k${i}`)).id);
    await expect(createApiKey(db, await owner.actor(), orgId, "one more")).rejects.toMatchObject({
      status: 409,
      messageKey: "api.tooManyKeys",
      params: { max: MAX_LIVE_KEYS_PER_ORG },
    });
    await revokeApiKey(db, await owner.actor(), orgId, ids[0]);
    await expect(createApiKey(db, await owner.actor(), orgId, "replacement")).resolves.toMatchObject({ name: "replacement" });
  });

  it("all keys of one organisation share one call budget", { timeout: 120_000 }, async () => {
    const { orgId, owner } = await makeApprovedOrg(db, secretariat);
    const keys: string[] = [];
    for (let i = 0; i < 4; i++) keys.push((await createApiKey(db, await owner.actor(), orgId, `busy${i}`)).key);
    // Four keys under their own limit each, but over the organisation's together; sent twenty at a time.
    const calls = Array.from({ length: LIMITS.apiPerOrg.limit + 10 }, (_, i) => keys[i % keys.length]);
    const statuses: number[] = [];
    for (let i = 0; i < calls.length; i += 20)
      statuses.push(
        ...(await Promise.all(
          calls.slice(i, i + 20).map((key) =>
            authenticateApiKey(db, key).then(
              () => 200,
              (e: { status: number }) => e.status,
            ),
          ),
        )),
      );
    const ok = statuses.filter((s) => s === 200).length;
    const refused = statuses.filter((s) => s === 429).length;
    expect(ok).toBe(LIMITS.apiPerOrg.limit);
    expect(refused).toBe(10);
  });
});
