import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp } from "./helpers/app";
import { dbForSuite } from "./helpers/db";

describe("what an anonymous probe leaves in the log", () => {
  const t = dbForSuite();
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const errors: string[] = [];
  const infos: string[] = [];
  const original = { error: console.error, info: console.info };
  beforeAll(async () => {
    app = await startTestApp(t.db);
    // The test reads what the server writes to its log; the lines still reach the console.
    console.error = (...args: unknown[]) => {
      errors.push(args.map(String).join(" "));
      original.error(...args);
    };
    console.info = (...args: unknown[]) => {
      infos.push(args.map(String).join(" "));
      original.info(...args);
    };
  });
  afterAll(async () => {
    console.error = original.error;
    console.info = original.info;
    await app?.close();
  });

  it("refused methods and forbidden pages are info lines, not errors", async () => {
    const c = app.client("en");
    const answers = [
      (await c.request("/about", { method: "POST", body: new URLSearchParams({ a: "1" }) })).status,
      (await c.request("/", { method: "PUT", body: "x" })).status,
      (await c.request("/stats?_data=routes%2Fstats", { method: "POST", body: new URLSearchParams({ a: "1" }) })).status,
      (await c.request("/admin/outbox")).status,
      (await c.request("/org/api-keys?_data=routes%2Forg.api-keys")).status,
    ];
    expect(answers.filter((s) => s >= 500)).toEqual([]);
    expect(answers).toContain(405);
    expect(errors.filter((l) => l.includes("[error]"))).toEqual([]);
    expect(infos.some((l) => /\[info\] .* refused 405/.test(l))).toBe(true);
  });
});
