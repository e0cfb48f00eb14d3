import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbForSuite } from "./helpers/db";
import { startTestApp } from "./helpers/app";

/** Issue 29: an invalid reset link says so and offers a new one, instead of a password form that can only fail. */
describe("the reset page for a dead link", () => {
  const t = dbForSuite();
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp(t.db);
  });
  afterAll(async () => {
    await app.close();
  });

  it("an unknown or missing token shows no password form, in the reader's language, with a way to ask again", async () => {
    for (const path of ["/reset-password?token=not-a-real-token", "/reset-password"]) {
      const res = await app.client("en").get(path);
      expect(res.status, path).toBe(200);
      const html = await res.text();
      expect(html, path).toContain('data-testid="reset-link-invalid"');
      expect(html, path).not.toMatch(/<input[^>]+type="password"/);
      expect(html, path).toContain('href="/forgot-password"');
    }
  });
});
