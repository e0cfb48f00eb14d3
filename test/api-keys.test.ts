import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import { authenticateApiKey, createApiKey, listApiKeys, revokeApiKey } from "../app/models/accounts/api-keys.server";
import { acceptInvitation, applyForMembership, inviteMember } from "../app/models/accounts/organisations.server";
import type { Actor } from "../app/models/core/permissions";
import { startTestApp } from "./helpers/app";
import { dbForSuite } from "./helpers/db";
import { PASSWORD, application, auditRows, makeApprovedOrg, makeUser } from "./helpers/fixtures";

const sha256 = (s: string) => crypto.createHash("sha256").update(s).digest("hex");

/** A plain member (not admin) of an organisation, through the real invitation flow. */
async function makeMember(db: Db, owner: Actor, orgId: string) {
  const u = await makeUser(db);
  const invitation = await inviteMember(db, owner, orgId, { email: u.email, role: "member" });
  await acceptInvitation(db, await u.actor(), invitation);
  return u;
}

describe("organisation API keys", () => {
  const t = dbForSuite();
  let db: Db;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let secretariat: Actor;
  let orgId: string;
  let owner: Awaited<ReturnType<typeof makeUser>>;
  beforeAll(async () => {
    db = t.db;
    secretariat = await (await makeUser(db, { role: "secretariat" })).actor();
    ({ orgId, owner } = await makeApprovedOrg(db, secretariat));
    app = await startTestApp(db);
  });
  afterAll(async () => {
    await app.close(); // also closes the database
  });

  it("an owner creates a key: shown once, only its sha256 stored, with a display prefix and an audit row", async () => {
    const created = await createApiKey(db, await owner.actor(), orgId, "  ERP 同步  ");
    expect(created.key).toMatch(/^yk_[0-9A-Za-z]{40}$/);
    expect(created.name).toBe("ERP 同步");
    expect(created.key.startsWith(created.prefix)).toBe(true);
    expect(created.prefix.length).toBeLessThan(12);
    const row = await db.selectFrom("api_keys").selectAll().where("id", "=", created.id).executeTakeFirstOrThrow();
    expect(row.key_hash).toBe(sha256(created.key));
    expect(JSON.stringify(row)).not.toContain(created.key);
    expect(row).toMatchObject({ org_id: orgId, created_by: owner.id, revoked_at: null, last_used_at: null });
    const audit = await auditRows(db, created.id);
    expect(audit.map((a) => a.action)).toEqual(["api_key.created"]);
    expect(JSON.stringify(audit)).not.toContain(created.key);

    const again = await createApiKey(db, await owner.actor(), orgId, "second");
    expect(again.key).not.toBe(created.key);
    const listed = await listApiKeys(db, await owner.actor(), orgId);
    expect(listed.map((k) => k.name)).toEqual(expect.arrayContaining(["ERP 同步", "second"]));
    expect(JSON.stringify(listed)).not.toContain(created.key);
    expect(JSON.stringify(listed)).not.toContain(row.key_hash);
  });

  it("a key authenticates as an admin of its organisation (never with platform powers) and records its use", async () => {
    const { key, id } = await createApiKey(db, await owner.actor(), orgId, "auth");
    const actor = await authenticateApiKey(db, key);
    expect(actor).toMatchObject({ id: owner.id, platformRole: "member", org: { id: orgId, role: "admin", status: "approved" } });
    const row = await db.selectFrom("api_keys").select("last_used_at").where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.last_used_at).not.toBeNull();
  });

  it("missing, malformed, unknown and revoked keys are 401s; revoking writes an audit row and happens once", async () => {
    await expect(authenticateApiKey(db, null)).rejects.toMatchObject({ status: 401, messageKey: "api.keyMissing" });
    await expect(authenticateApiKey(db, "not-a-key")).rejects.toMatchObject({ status: 401, messageKey: "api.keyInvalid" });
    await expect(authenticateApiKey(db, `yk_${"A".repeat(40)}`)).rejects.toMatchObject({ status: 401, messageKey: "api.keyInvalid" });

    const { key, id } = await createApiKey(db, await owner.actor(), orgId, "to revoke");
    await revokeApiKey(db, await owner.actor(), orgId, id);
    await expect(authenticateApiKey(db, key)).rejects.toMatchObject({ status: 401, messageKey: "api.keyRevoked" });
    await expect(revokeApiKey(db, await owner.actor(), orgId, id)).rejects.toMatchObject({ status: 409 });
    // Use after revocation is a line in the audit log too.
    expect((await auditRows(db, id)).map((a) => a.action)).toEqual(["api_key.created", "api_key.revoked", "api_key.used_after_revocation"]);
    const listed = await listApiKeys(db, await owner.actor(), orgId);
    expect(listed.find((k) => k.id === id)?.revokedAt).not.toBeNull();
  });

  it("only managers of an approved organisation manage its keys", async () => {
    const member = await makeMember(db, await owner.actor(), orgId);
    await expect(createApiKey(db, await member.actor(), orgId, "member key")).rejects.toMatchObject({ status: 403 });
    await expect(listApiKeys(db, await member.actor(), orgId)).rejects.toMatchObject({ status: 403 });

    const other = await makeApprovedOrg(db, secretariat);
    await expect(createApiKey(db, await other.owner.actor(), orgId, "not mine")).rejects.toMatchObject({ status: 403 });
    const mine = await createApiKey(db, await owner.actor(), orgId, "mine");
    // Another organisation's key id is simply not found under one's own organisation.
    await expect(revokeApiKey(db, await other.owner.actor(), other.orgId, mine.id)).rejects.toMatchObject({ status: 404 });
    await expect(authenticateApiKey(db, mine.key)).resolves.toMatchObject({ org: { id: orgId } });

    const applicant = await makeUser(db);
    const pendingOrg = await applyForMembership(db, await applicant.actor(), application() as never);
    await expect(createApiKey(db, await applicant.actor(), pendingOrg, "pending")).rejects.toMatchObject({ status: 403 });
    await expect(createApiKey(db, null, orgId, "anonymous")).rejects.toMatchObject({ status: 403 });
    await expect(createApiKey(db, await owner.actor(), orgId, "")).rejects.toMatchObject({ status: 400 });
  });

  describe("the /org/api-keys page", () => {
    it("shows the new key once, lists keys by prefix and revokes them", async () => {
      const c = app.client("en");
      await c.signIn(owner.email, PASSWORD);
      const page = await c.get("/org/api-keys");
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("API keys");

      const empty = await c.postData("/org/api-keys", { intent: "create", name: "" });
      expect(empty.status).toBe(400);
      expect(empty.body.error.name).toEqual(["This field is required"]);
      // One schema for the page's moves: a revocation of no key, or a move that is none, is a 400.
      expect((await c.postData("/org/api-keys", { intent: "revoke", id: "x" })).status).toBe(400);
      expect((await c.postData("/org/api-keys", { intent: "mint", name: "x" })).status).toBe(400);

      const created = await c.postData("/org/api-keys", { intent: "create", name: "数据中台" });
      expect(created.status).toBe(200);
      expect(created.res.headers.get("cache-control")).toContain("no-store");
      const key: string = created.body.created.key;
      expect(key).toMatch(/^yk_[0-9A-Za-z]{40}$/);
      await expect(authenticateApiKey(db, key)).resolves.toMatchObject({ org: { id: orgId } });

      const html = await (await c.get("/org/api-keys")).text();
      expect(html).toContain("数据中台");
      expect(html).toContain(created.body.created.prefix);
      expect(html).not.toContain(key);

      const revoked = await c.postData("/org/api-keys", { intent: "revoke", id: created.body.created.id });
      expect(revoked.status).toBe(200);
      await expect(authenticateApiKey(db, key)).rejects.toMatchObject({ status: 401 });
      expect(await (await c.get("/org/api-keys")).text()).toContain("Revoked");
    });

    it("the page says the key will not be shown again, in the reader's language", async () => {
      const c = app.client("zh-CN");
      await c.signIn(owner.email, PASSWORD);
      const res = await c.post("/org/api-keys", { intent: "create", name: "页面密钥" });
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toMatch(/yk_[0-9A-Za-z]{40}/);
      expect(html).toContain("此密钥只显示这一次");
    });

    it("a plain member gets a 403 and cannot create a key; visitors are sent to sign in", async () => {
      const member = await makeMember(db, await owner.actor(), orgId);
      const c = app.client("en");
      await c.signIn(member.email, PASSWORD);
      const page = await c.get("/org/api-keys");
      expect(page.status).toBe(403);
      expect(await page.text()).toContain("You are not allowed to do that.");
      const before = await db.selectFrom("api_keys").select("id").execute();
      const attempt = await c.postData("/org/api-keys", { intent: "create", name: "sneaky" });
      expect(attempt.status).toBe(403);
      expect(await db.selectFrom("api_keys").select("id").execute()).toHaveLength(before.length);

      const anonymous = await app.client().get("/org/api-keys");
      expect(anonymous.status).toBe(302);
      expect(anonymous.headers.get("location")).toBe("/login?next=%2Forg%2Fapi-keys");
    });
  });
});
