import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { DEMO_PASSWORD, MODERATOR_EMAIL } from "../../db/seed/index";
import { demoSite, signedInPage } from "./browser";

const REPORTER = "baiyun-logistics@yaosu.demo";
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };

/** With SCREENSHOT_DIR set, the page at phone and desktop width, for a person to look at. */
async function shoot(page: Page, name: string) {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  for (const [label, size] of [
    ["phone", PHONE],
    ["desktop", DESKTOP],
  ] as const) {
    await page.setViewportSize(size);
    await page.screenshot({ path: path.join(dir, `${name}-${label}.png`), fullPage: true });
  }
}

describe("reports in the browser", () => {
  const site = demoSite();

  it("a member reports a listing through the Conform form; a moderator hides it and it is gone for visitors", async () => {
    const member = await signedInPage(site.browser, site.baseUrl, REPORTER, DEMO_PASSWORD, { viewport: DESKTOP });
    // The first published listing of another organisation: its page offers the report link.
    await member.goto("/listings");
    const hrefs = await member.locator("a[href^='/listings/']").evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
    let listingPath = "";
    for (const href of hrefs.filter((h) => /^\/listings\/[0-9a-f-]{36}$/.test(h))) {
      await member.goto(href);
      if (await member.locator("[data-testid=report-link]").count()) {
        listingPath = href;
        break;
      }
    }
    expect(listingPath).not.toBe("");
    const title = (await member.locator("h1").first().textContent())!.trim();
    await member.click("[data-testid=report-link]");
    await member.waitForURL("**/reports/new?**");
    await shoot(member, "report-new");

    // Checked in the browser with the action's schema: nothing is sent, the messages are in Chinese.
    await member.setViewportSize(DESKTOP);
    await member.fill("textarea[name=description]", "太短");
    await member.click("button[type=submit].btn-primary");
    await expect.poll(() => member.locator(".field-error").allTextContents()).toEqual(["请从列表中选择", "至少需要 10 个字符"]);
    expect(new URL(member.url()).pathname).toBe("/reports/new");
    await shoot(member, "report-new-errors");

    await member.setViewportSize(DESKTOP);
    await member.selectOption("select[name=category]", "misleading");
    await member.fill("textarea[name=description]", "样例数据与描述的覆盖范围不符，更新频率也与实际不一致。");
    await member.click("button[type=submit].btn-primary");
    await member.waitForURL("**/reports?filed=1");
    await expect.poll(() => member.locator("[data-testid=my-reports]").textContent()).toContain(title);
    await shoot(member, "reports");

    const moderator = await signedInPage(site.browser, site.baseUrl, MODERATOR_EMAIL, DEMO_PASSWORD, { viewport: DESKTOP });
    await moderator.goto("/moderation");
    // By what this member wrote: the demo seed has its own open reports, some on the same listings.
    const card = moderator.locator("[data-testid=queued-report]", { hasText: "样例数据与描述的覆盖范围不符" });
    await expect.poll(() => card.count()).toBe(1);
    await shoot(moderator, "moderation");
    await moderator.setViewportSize(DESKTOP);
    await card.locator("select[name=decision]").selectOption("hide");
    await card.locator("textarea[name=reason]").fill("描述与样例不符，请修改后重新提交审核");
    await card.locator("button[type=submit]", { hasText: "确认处理" }).click();
    await expect.poll(() => moderator.locator("[data-testid=decided]").count()).toBe(1);

    const visitor = await site.browser.newPage({ baseURL: site.baseUrl });
    const res = await visitor.goto(listingPath);
    expect(res!.status()).toBe(404);
    await visitor.close();
    await member.context().close();
    await moderator.context().close();
  });
});
