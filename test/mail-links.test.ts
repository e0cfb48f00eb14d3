import http from "node:http";
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../server/config";
import { startTestApp } from "./helpers/app";
import { createTestDb } from "./helpers/db";
import { PASSWORD, makeUser } from "./helpers/fixtures";
import { startSmtpServer } from "./helpers/smtp";

/** A form POST as an attacker sends it: Host and Origin both name the attacker's site (they agree, so the CSRF check passes). */
function postWithHost(baseUrl: string, path: string, fields: Record<string, string>, host: string) {
  const body = new URLSearchParams(fields).toString();
  const url = new URL(baseUrl + path);
  return new Promise<number>((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: "POST",
        headers: { host, origin: `http://${host}`, "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const RESET = "重设你的要素密码";
const linksIn = (text: string) => [...text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]);

describe("mail links come from the configured public URL, never from the request's Host", () => {
  let t: Awaited<ReturnType<typeof createTestDb>>;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let demo: Awaited<ReturnType<typeof startTestApp>>;
  let site: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    t = await createTestDb();
    smtp = await startSmtpServer();
    // The embedded demo (no PUBLIC_URL) and a deployment with one, on the same database.
    demo = await startTestApp(t.db, { smtpUrl: smtp.url });
    site = await startTestApp(t.db, { smtpUrl: smtp.url, publicUrl: "https://yaosu.example.org" });
  });
  afterAll(async () => {
    await demo?.close();
    await site?.close();
    await smtp?.close();
    await t?.drop();
  });

  it("a reset asked for with Host: evil.example mails a link on http://localhost:PORT (the demo) or on PUBLIC_URL", async () => {
    const owner = await makeUser(t.db);
    expect(await postWithHost(demo.baseUrl, "/forgot-password", { email: owner.email }, "evil.example")).toBe(200);
    const first = await smtp.mailTo(owner.email, RESET);
    const [link] = linksIn(first.text!);
    expect(link).toMatch(new RegExp(`^http://localhost:${demo.port}/reset-password\\?token=`));
    expect(first.text).not.toContain("evil.example");
    expect(first.html).not.toContain("evil.example");

    const other = await makeUser(t.db);
    expect(await postWithHost(site.baseUrl, "/forgot-password", { email: other.email }, "evil.example")).toBe(200);
    const second = await smtp.mailTo(other.email, RESET);
    expect(linksIn(second.text!)[0]).toMatch(/^https:\/\/yaosu\.example\.org\/reset-password\?token=/);
    expect(second.text).not.toContain("evil.example");
  });

  it("the 'already registered' note sent for a sign-up with Host: evil.example links to the public URL too", async () => {
    const owner = await makeUser(t.db);
    expect(await postWithHost(site.baseUrl, "/signup", { email: owner.email, displayName: "x", password: PASSWORD }, "evil.example")).toBe(200);
    const note = await smtp.mailTo(owner.email, "有人用你的邮箱注册要素");
    const links = linksIn(note.text!);
    expect(links.length).toBeGreaterThan(0);
    for (const l of links) expect(l).toMatch(/^https:\/\/yaosu\.example\.org\//);
    expect(note.text).not.toContain("evil.example");
  });
});

describe("PUBLIC_URL is parsed once at start", () => {
  it("accepts an http(s) URL and writes it without a trailing slash", () => {
    expect(loadConfig({ PUBLIC_URL: "https://yaosu.example.org/" }).publicUrl).toBe("https://yaosu.example.org");
    expect(loadConfig({ PUBLIC_URL: "http://10.0.0.5:8080/yaosu/" }).publicUrl).toBe("http://10.0.0.5:8080/yaosu");
  });

  it("refuses anything else, naming the variable", () => {
    for (const bad of [
      "yaosu.example.org",
      "ftp://yaosu.example.org",
      "javascript:alert(1)",
      "https://yaosu.example.org/?a=1",
      "https://u:p@yaosu.example.org",
    ]) {
      expect(() => loadConfig({ PUBLIC_URL: bad }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ PUBLIC_URL: bad }), bad).toThrow(/PUBLIC_URL/);
    }
  });

  it("is required on Postgres in production, optional on the embedded database and in tests", () => {
    expect(() => loadConfig({ DATABASE_URL: "postgres://db/yaosu", NODE_ENV: "production" })).toThrow(/PUBLIC_URL is required/);
    expect(loadConfig({ DATABASE_URL: "postgres://db/yaosu", NODE_ENV: "production", PUBLIC_URL: "https://yaosu.example.org" }).publicUrl).toBe(
      "https://yaosu.example.org",
    );
    expect(loadConfig({ NODE_ENV: "production" }).publicUrl).toBeNull();
    expect(loadConfig({ DATABASE_URL: "", NODE_ENV: "production" }).publicUrl).toBeNull();
    expect(loadConfig({ DATABASE_URL: "postgres://db/yaosu", NODE_ENV: "test" }).publicUrl).toBeNull();
  });

  it("the server refuses to start without it on Postgres in production, or with a bad one, and says which variable", async () => {
    const start = (env: Record<string, string>) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ["build/server/index.js"], {
          env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", PORT: "0", LOG_REQUESTS: "off", ...env },
          stdio: ["ignore", "ignore", "pipe"],
        });
        let stderr = "";
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        child.on("exit", (code) => resolve({ code, stderr }));
      });
    // The port 1 database is never reached: the configuration is read before anything connects.
    const missing = await start({ DATABASE_URL: "postgres://postgres@127.0.0.1:1/none" });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("PUBLIC_URL is required");
    const bad = await start({ DATABASE_URL: "postgres://postgres@127.0.0.1:1/none", PUBLIC_URL: "ftp://yaosu.example.org" });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/PUBLIC_URL: must start with http/);
  });
});
