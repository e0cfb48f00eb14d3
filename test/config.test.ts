import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, DEFAULT_REQUEST_TIMEOUT_MS, loadConfig } from "../server/config";
import { REQUEST_TIMEOUT_MS } from "../server/app";

/** What `loadConfig` says about one bad variable (it must refuse). */
function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe("the configuration, parsed once at start", () => {
  it("the defaults are the embedded demo's", () => {
    expect(loadConfig({})).toEqual({
      nodeEnv: null,
      production: false,
      port: 3000,
      databaseUrl: null,
      pgliteDir: path.resolve("data/pglite"),
      seed: "demo",
      publicUrl: null,
      requestTimeoutMs: 20_000,
      trustProxy: undefined,
      logRequests: true,
      jobs: true,
      smtpUrl: null,
      mailFrom: null,
      logLevel: "info",
      metricsToken: null,
    });
    expect(REQUEST_TIMEOUT_MS).toBe(DEFAULT_REQUEST_TIMEOUT_MS);
  });

  it("reads every variable the server uses", () => {
    const c = loadConfig({
      NODE_ENV: "production",
      PORT: "8080",
      DATABASE_URL: "postgres://yaosu:pw@db.internal:5432/yaosu",
      PGLITE_DIR: "/var/lib/yaosu",
      SEED: "off",
      PUBLIC_URL: "https://yaosu.example.org/",
      REQUEST_TIMEOUT_MS: "30000",
      TRUST_PROXY: "loopback, 10.0.0.0/8",
      LOG_REQUESTS: "off",
      JOBS: "off",
      SMTP_URL: "smtps://u:p@mail.example.org:465",
      MAIL_FROM: "联盟秘书处 <office@yaosu.example.org>",
      LOG_LEVEL: "warn",
      METRICS_TOKEN: "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
    });
    expect(c).toEqual({
      nodeEnv: "production",
      production: true,
      port: 8080,
      databaseUrl: "postgres://yaosu:pw@db.internal:5432/yaosu",
      pgliteDir: "/var/lib/yaosu",
      seed: "off",
      publicUrl: "https://yaosu.example.org",
      requestTimeoutMs: 30_000,
      trustProxy: "loopback, 10.0.0.0/8",
      logRequests: false,
      jobs: false,
      smtpUrl: "smtps://u:p@mail.example.org:465",
      mailFrom: "联盟秘书处 <office@yaosu.example.org>",
      logLevel: "warn",
      metricsToken: "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
    });
    // Empty means unset, as a shell's `VAR=` does.
    expect(loadConfig({ PORT: "", REQUEST_TIMEOUT_MS: " ", TRUST_PROXY: "" })).toMatchObject({ port: 3000, requestTimeoutMs: 20_000, trustProxy: undefined });
    for (const hops of ["1", "true", "false", "::1", "192.168.1.1/255.255.255.0", "fd00::/8, linklocal, uniquelocal"])
      expect(loadConfig({ TRUST_PROXY: hops }).trustProxy).toBe(hops);
  });

  it("a number that is not one, or out of range, is refused with the range", () => {
    expect(refusal({ REQUEST_TIMEOUT_MS: "abc" })).toBe(
      'Invalid configuration: REQUEST_TIMEOUT_MS: must be a whole number of milliseconds from 1000 to 600000 (got "abc")',
    );
    for (const bad of ["0", "-5", "1.5", "20s", "999", "600001", "NaN"])
      expect(refusal({ REQUEST_TIMEOUT_MS: bad })).toMatch(/^Invalid configuration: REQUEST_TIMEOUT_MS: .*1000 to 600000/);
    for (const bad of ["http", "-1", "65536", "3000.0"]) expect(refusal({ PORT: bad })).toMatch(/PORT: must be a whole number from 0 to 65535/);
  });

  it("an unknown word for a switch or a mode is refused with the words it takes", () => {
    expect(refusal({ NODE_ENV: "staging" })).toMatch(/NODE_ENV: must be one of production, development, test \(got "staging"\)/);
    expect(refusal({ SEED: "on" })).toMatch(/SEED: must be one of demo, off/);
    expect(refusal({ LOG_REQUESTS: "false" })).toMatch(/LOG_REQUESTS: must be one of on, off/);
    expect(refusal({ JOBS: "0" })).toMatch(/JOBS: must be one of on, off/);
    expect(refusal({ TRUST_PROXY: "everyone" })).toMatch(/TRUST_PROXY: must be true, false, a hop count .* loopback, linklocal, uniquelocal/);
    expect(refusal({ TRUST_PROXY: "10.0.0.0/40" })).toMatch(/TRUST_PROXY/);
    expect(refusal({ MAIL_FROM: "no address" })).toMatch(/MAIL_FROM: must be an address or "Name <address>"/);
    expect(refusal({ LOG_LEVEL: "verbose" })).toMatch(/LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent/);
  });

  it("a bad connection string is named, never quoted (it holds a password)", () => {
    const db = refusal({ DATABASE_URL: "mysql://yaosu:hunter2@db/yaosu" });
    expect(db).toBe("Invalid configuration: DATABASE_URL: must be a postgres:// or postgresql:// connection string");
    const smtp = refusal({ SMTP_URL: "mail.example.org:hunter2" });
    expect(smtp).toMatch(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL$/);
    expect(smtp).not.toContain("hunter2");
    const token = refusal({ METRICS_TOKEN: "short secret" });
    expect(token).toMatch(/METRICS_TOKEN: must be at least 16 printable characters/);
    expect(token).not.toContain("short secret");
  });

  it("several faults are named together, on one line", () => {
    const all = refusal({ PORT: "x", JOBS: "maybe", REQUEST_TIMEOUT_MS: "abc" });
    expect(all).not.toContain("\n");
    for (const name of ["PORT", "JOBS", "REQUEST_TIMEOUT_MS"]) expect(all).toContain(`${name}: `);
  });

  it("the built server stops at a bad value with that one line and exit code 1, no stack trace", async () => {
    const start = (env: Record<string, string>) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ["build/server/index.js"], {
          env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", PORT: "0", ...env },
          stdio: ["ignore", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        // A server that started after all is stopped, and the test fails on its exit code.
        const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
        child.on("exit", (code) => {
          clearTimeout(timer);
          resolve({ code, stdout, stderr });
        });
      });
    for (const [env, line] of [
      [{ REQUEST_TIMEOUT_MS: "abc" }, 'Invalid configuration: REQUEST_TIMEOUT_MS: must be a whole number of milliseconds from 1000 to 600000 (got "abc")'],
      [{ SEED: "yes" }, 'Invalid configuration: SEED: must be one of demo, off (got "yes")'],
      [{ LOG_REQUESTS: "quiet" }, 'Invalid configuration: LOG_REQUESTS: must be one of on, off (got "quiet")'],
    ] as const) {
      const r = await start(env);
      expect(r.code, JSON.stringify(env)).toBe(1);
      expect(r.stderr).toBe(`${line}\n`);
      expect(r.stdout).toBe("");
    }
  }, 90_000);
});
