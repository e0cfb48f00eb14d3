import { spawn } from "node:child_process";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../app/models/accounts/auth.server";
import { createDb, migrateToLatest, type Db } from "../db/index";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, SECRETARIAT_EMAIL, seedDemo } from "../db/seed/index";
import { demoCredentialsRefusal, findDemoCredentials } from "../db/seed/demo-credentials";
import { ConfigError, loadConfig } from "../server/config";
import { withDatabase } from "./global-setup";
import { dbForSuite } from "./helpers/db";
import { makeUser } from "./helpers/fixtures";

describe("the demo seed runs only where it is asked for", () => {
  it("on by default on the embedded database, off by default on Postgres, SEED=demo or off says so", () => {
    expect(loadConfig({}).seed).toBe("demo");
    expect(loadConfig({ NODE_ENV: "production" }).seed).toBe("demo");
    expect(loadConfig({ DATABASE_URL: "postgres://db/yaosu" }).seed).toBe("off");
    expect(loadConfig({ DATABASE_URL: "postgres://db/yaosu", SEED: "demo" }).seed).toBe("demo");
    expect(loadConfig({ SEED: "off" }).seed).toBe("off");
  });

  it("an unknown SEED value is refused, naming the variable and the values it takes", () => {
    for (const bad of ["on", "true", "yes", "DEMO "]) {
      expect(() => loadConfig({ SEED: bad }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ SEED: bad }), bad).toThrow(/SEED.*demo.*off/);
    }
  });
});

describe("accounts that still sign in with the published demo credentials", () => {
  const t = dbForSuite();

  it("none on a database the demo never touched", async () => {
    await makeUser(t.db);
    await makeUser(t.db, { role: "secretariat" });
    expect(await findDemoCredentials(t.db)).toEqual([]);
  });

  it("every demo account after the seed, the staff with the demo two-factor key too; none once each is changed", async () => {
    await seedDemo(t.db);
    const found = await findDemoCredentials(t.db);
    const demoAccounts = await t.db.selectFrom("users").select("email").where("email", "like", "%@yaosu.demo").execute();
    expect(found.map((f) => f.email).sort()).toEqual(demoAccounts.map((u) => u.email).sort());
    expect(found.every((f) => f.password)).toBe(true);
    expect(found.filter((f) => f.totp).map((f) => f.email)).toEqual(["moderator@yaosu.demo", SECRETARIAT_EMAIL]);
    expect(demoCredentialsRefusal(found)).toMatch(/^Refusing to start in production: \d+ account\(s\).*SEED=demo/);
    expect(demoCredentialsRefusal(found)).not.toContain("\n");

    // The operator gives each account its own password and the staff their own keys.
    for (const u of demoAccounts)
      await t.db
        .updateTable("users")
        .set({ password_hash: await hashPassword(`own-${u.email}`) })
        .where("email", "=", u.email)
        .execute();
    expect((await findDemoCredentials(t.db)).map((f) => [f.email, f.password, f.totp])).toEqual([
      ["moderator@yaosu.demo", false, true],
      [SECRETARIAT_EMAIL, false, true],
    ]);
    await t.db.updateTable("user_totp").set({ secret: "JBSWY3DPEHPK3PXP" }).where("secret", "=", DEMO_TOTP_SECRET).execute();
    expect(await findDemoCredentials(t.db)).toEqual([]);
  }, 120_000);

  it("a staff account given the demo password by hand is found, whatever its address", async () => {
    const staff = await makeUser(t.db, { role: "moderator" });
    await t.db
      .updateTable("users")
      .set({ password_hash: await hashPassword(DEMO_PASSWORD) })
      .where("id", "=", staff.id)
      .execute();
    expect(await findDemoCredentials(t.db)).toEqual([{ email: staff.email, password: true, totp: false }]);
  });
});

/**
 * The built server (`npm run serve`) in production on a Postgres database of its own (on
 * DATABASE_URL's server, or the local Postgres), as an operator starts it.
 */
describe("the server in production on Postgres", () => {
  const SERVER_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `yaosu_prod_${process.pid}_${Date.now().toString(36)}`;
  const url = withDatabase(SERVER_URL, name);
  const admin = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
  let db: Db;

  beforeAll(async () => {
    await admin.unsafe(`create database "${name}"`);
    db = createDb({ databaseUrl: url, max: 2 });
  });
  afterAll(async () => {
    await db?.destroy();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  });

  /** Starts the server; resolves when it listens (then stops it) or exits on its own. */
  const start = (env: Record<string, string>) =>
    new Promise<{ listened: boolean; code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ["build/server/index.js"], {
        env: {
          PATH: process.env.PATH ?? "",
          NODE_ENV: "production",
          PORT: "0",
          LOG_REQUESTS: "off",
          JOBS: "off",
          DATABASE_URL: url,
          PUBLIC_URL: "https://yaosu.example.org",
          ...env,
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      let listened = false;
      child.stdout.on("data", (d: Buffer) => {
        stdout += d.toString();
        if (!listened && /listening on/.test(stdout)) {
          listened = true;
          child.kill("SIGTERM");
        }
      });
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("exit", (code) => resolve({ listened, code, stdout, stderr }));
    });

  it("an empty database starts without the demo", async () => {
    const r = await start({});
    expect(r.stderr).toBe("");
    expect(r.listened).toBe(true);
    expect(await db.selectFrom("users").select("id").execute()).toEqual([]);
  }, 120_000);

  it("refuses to start, in one line naming the accounts, while the demo accounts keep the published password and key", async () => {
    await migrateToLatest(db);
    await seedDemo(db);
    const r = await start({});
    expect(r.listened).toBe(false);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/Refusing to start in production: \d+ account\(s\) still sign in with the published demo credentials/);
    expect(r.stderr).toContain(SECRETARIAT_EMAIL);
    expect(r.stderr).not.toContain(DEMO_PASSWORD);
    expect(r.stderr).not.toContain(DEMO_TOTP_SECRET);
  }, 120_000);

  it("starts on the same database with SEED=demo: a demo deployment, said out loud", async () => {
    const r = await start({ SEED: "demo" });
    expect(r.stderr).toBe("");
    expect(r.listened).toBe(true);
  }, 120_000);
});
