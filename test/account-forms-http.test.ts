import { describe, expect, it } from "vitest";
import { getT, translateKey } from "../app/i18n";
import { appOnFreshDb } from "./helpers/app";

/** The account forms on Conform (issue 30): refusals in the reader's language, the field kept, the success answer unchanged. */
describe("account forms over HTTP", () => {
  const t = appOnFreshDb();

  it("the forgot-password form names a bad address in each language and answers every address alike", async () => {
    for (const [lang, locale] of [
      ["zh-CN", "zh-Hans"],
      ["zh-TW", "zh-Hant"],
      ["en", "en"],
    ] as const) {
      const refused = await t.app.client(lang).postData("/forgot-password", { email: "not-an-address" });
      expect(refused.status).toBe(400);
      expect(refused.body.error.email).toEqual([translateKey(getT(locale), "v.email")]);
      expect(refused.body.initialValue.email).toBe("not-an-address");
    }
    expect(await t.app.client("en").postData("/forgot-password", { email: "nobody@example.test" })).toMatchObject({
      status: 200,
      body: { ok: true, sent: true },
    });
    const page = await (await t.app.client("en").get("/forgot-password")).text();
    expect(page).toMatch(/<label for="f-email"/);
    expect(page).toMatch(/id="f-email"/);
  });
});
