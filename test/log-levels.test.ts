import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMailer } from "../app/models/accounts/mail.server";
import { startApp } from "../server/app";
import { createLogger } from "../server/log";
import { HttpClient, loadBuild } from "./helpers/app";
import { dbForSuite } from "./helpers/db";

describe("what an anonymous probe leaves in the log", () => {
  const t = dbForSuite();
  let app: Awaited<ReturnType<typeof startApp>>;
  const lines: { level: string; msg: string; status?: number; where?: string }[] = [];
  beforeAll(async () => {
    // The test reads the server's log (JSON lines, server/log.ts) as an operator's collector would.
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const l of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(l));
        done();
      },
    });
    const mailer = createMailer(t.db, "", "要素 Yaosu <no-reply@yaosu.test>", () => {});
    app = await startApp({ db: t.db, build: await loadBuild(), port: 0, host: "127.0.0.1", mailer, logger: createLogger({ destination }) });
  });
  afterAll(async () => {
    await app?.close();
  });

  it("refused methods and forbidden pages are info lines, not errors", async () => {
    const c = new HttpClient(`http://127.0.0.1:${app.port}`, "en");
    const answers = [
      (await c.request("/about", { method: "POST", body: new URLSearchParams({ a: "1" }) })).status,
      (await c.request("/", { method: "PUT", body: "x" })).status,
      (await c.request("/stats?_data=routes%2Fstats", { method: "POST", body: new URLSearchParams({ a: "1" }) })).status,
      (await c.request("/admin/outbox")).status,
      (await c.request("/org/api-keys?_data=routes%2Forg.api-keys")).status,
    ];
    expect(answers.filter((s) => s >= 500)).toEqual([]);
    expect(answers).toContain(405);
    expect(lines.filter((l) => l.level === "error" || l.level === "fatal")).toEqual([]);
    expect(lines.some((l) => l.level === "info" && l.msg === "refused" && l.status === 405)).toBe(true);
  });
});
