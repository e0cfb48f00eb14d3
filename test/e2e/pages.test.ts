import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../db/seed/index";
import { demoSite, signedInPage } from "./browser";

const PUBLIC_PAGES = ["/", "/listings", "/scenarios", "/catalog", "/groups", "/enterprises", "/providers", "/directory", "/stats", "/search?q=%E4%BA%A4%E9%80%9A"];
const MEMBER_PAGES = ["/home", "/notifications", "/account/notifications", "/account/security", "/account/sessions", "/my/listings", "/introductions"];

/** Every main page loads and hydrates in the browser without a script error, for visitors and members. */
describe("main pages in the browser", () => {
  const site = demoSite();

  async function visit(page: Page, paths: string[]) {
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(`${page.url()}: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`${page.url()}: ${m.text().slice(0, 200)}`);
    });
    for (const path of paths) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(200);
      await page.waitForLoadState("networkidle");
    }
    return problems;
  }

  it("a visitor's pages hydrate without errors", async () => {
    const page = await site.browser.newPage({ baseURL: site.baseUrl, locale: "zh-CN" });
    expect(await visit(page, PUBLIC_PAGES)).toEqual([]);
    await page.close();
  });

  it("a member's pages hydrate without errors", async () => {
    const page = await signedInPage(site.browser, site.baseUrl, "baiyun-logistics@yaosu.demo", DEMO_PASSWORD);
    expect(await visit(page, [...MEMBER_PAGES, ...PUBLIC_PAGES])).toEqual([]);
    await page.close();
  });
});
