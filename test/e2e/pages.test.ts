import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { DEMO_PASSWORD, SECRETARIAT_EMAIL } from "../../db/seed/index";
import { demoSite, signedInPage } from "./browser";

const PUBLIC_PAGES = [
  "/",
  "/listings",
  "/scenarios",
  "/catalog",
  "/groups",
  "/enterprises",
  "/providers",
  "/directory",
  "/stats",
  "/search?q=%E4%BA%A4%E9%80%9A",
];
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

  it("on a phone the header is one short row and the menu opens below it, grouped by area", async () => {
    const page = await signedInPage(site.browser, site.baseUrl, "baiyun-logistics@yaosu.demo", DEMO_PASSWORD, { viewport: { width: 375, height: 740 } });
    await page.goto("/groups");
    const header = await page.locator("header.topbar").boundingBox();
    expect(header!.height).toBeLessThanOrEqual(64);
    expect(await page.isVisible("nav.mainnav")).toBe(false);
    await page.click(".menu-toggle");
    await page.click("nav.mainnav summary:has-text('会员')");
    await page.click("nav.mainnav a:has-text('企业画像')");
    await page.waitForURL("**/enterprises");
    // Following a link closes the menu; nothing on the page scrolls sideways.
    await expect.poll(() => page.isVisible("nav.mainnav")).toBe(false);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.context().close();
  });

  it("on a laptop the secretariat's tools sit in their own menu, and every entry fits the bar", async () => {
    const page = await signedInPage(site.browser, site.baseUrl, SECRETARIAT_EMAIL, DEMO_PASSWORD, { viewport: { width: 1366, height: 800 } });
    await page.click("button[lang=en]");
    await expect.poll(() => page.textContent("nav.mainnav")).toContain("Secretariat");
    const bar = (await page.locator("header.topbar").boundingBox())!;
    expect(bar.height).toBeLessThanOrEqual(80); // one row: nothing wrapped onto a second line
    // From the keyboard: Enter opens the menu, Escape closes it and gives the focus back to its toggle.
    await page.focus(".navmenu-admin summary");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.isVisible(".navmenu-admin .navmenu-panel")).toBe(true);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.closest(".navmenu-panel") !== null)).toBe(true);
    await page.keyboard.press("Escape");
    await expect.poll(() => page.isVisible(".navmenu-admin .navmenu-panel")).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.matches(".navmenu-admin summary"))).toBe(true);
    await page.click(".navmenu-admin summary");
    await page.click(".navmenu-admin a:has-text('Audit log')");
    await page.waitForURL("**/admin/audit");
    await expect.poll(() => page.isVisible(".navmenu-admin .navmenu-panel")).toBe(false);
    await page.context().close();
  });
});
