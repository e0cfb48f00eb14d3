import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../db/seed/index";
import { LOCALES, catalogs } from "../app/i18n";
import { flatten } from "../app/i18n/translator";
import { demoAppForSuite } from "./helpers/demo";
import type { HttpClient } from "./helpers/app";

/**
 * A page whose routes are SHELL_ONLY is rendered from the shell part of the catalog, which is all
 * its browser downloads. Any message the page needs from elsewhere would show as its raw key: here
 * every such page, in every language, for visitors and signed-in people, must show none.
 */
describe("catalog parts: the shell is enough for the pages that load only the shell", () => {
  const site = demoAppForSuite();
  const keys = [...flatten(catalogs!["zh-Hans"]).keys()];

  const rawKeysIn = (html: string) => {
    const markup = html.slice(0, html.indexOf("<script"));
    return keys.filter((k) => markup.includes(`>${k}<`) || markup.includes(`"${k}"`) || markup.includes(`>${k} `));
  };

  const pages = ["/", "/login", "/signup", "/forgot-password", "/reset-password?token=nope", "/verify-email?token=nope", "/no-such-page"];

  const check = async (who: string, client: HttpClient) => {
    for (const path of pages) {
      const res = await client.get(path);
      // Signed in, the sign-in pages send you on.
      if (res.status >= 300 && res.status < 400) continue;
      const html = await res.text();
      expect(html, `${who} ${path}`).toContain('name="yaosu-catalog"');
      expect(/name="yaosu-catalog" content="([^"]*)"/.exec(html)?.[1], `${who} ${path} loads the shell only`).toMatch(
        /^\/i18n\/[\w-]+\.shell\.[0-9a-f]{12}\.json$/,
      );
      expect(rawKeysIn(html), `${who} ${path}`).toEqual([]);
    }
  };

  it("visitors in every language", async () => {
    for (const locale of LOCALES) await check(`visitor ${locale}`, site().app.client(locale));
  });

  it("a member, the secretariat and a person who has just signed up", async () => {
    const member = site().app.client("en");
    await member.signIn("baiyun-logistics@yaosu.demo", DEMO_PASSWORD);
    await check("member", member);
    const secretariat = site().app.client("zh-Hant");
    await secretariat.signIn("secretariat@yaosu.demo", DEMO_PASSWORD);
    await check("secretariat", secretariat);
    const newcomer = site().app.client();
    const res = await newcomer.postData("/signup", { email: "newcomer@example.test", displayName: "新成员", password: "a long enough password 2026" });
    expect(res.status).toBeLessThan(400);
    await check("newcomer", newcomer);
  });

  it("other pages load the rest as well, and each part is served under a name that changes with its content", async () => {
    const res = await site().app.client().get("/listings");
    const load = /name="yaosu-catalog" content="([^"]*)"/.exec(await res.text())![1].split(" ");
    expect(load).toHaveLength(2);
    for (const url of load) {
      const part = await site().app.client().get(url);
      expect(part.status).toBe(200);
      expect(part.headers.get("cache-control")).toContain("immutable");
      const messages = (await part.json()) as Record<string, string>;
      const all = flatten(catalogs!["zh-Hans"]);
      for (const [k, v] of Object.entries(messages)) expect(all.get(k), k).toBe(v);
    }
    expect((await site().app.client().get("/i18n/xx.shell.000000000000.json")).status).toBe(404);
  });
});
