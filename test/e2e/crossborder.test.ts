import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../db/seed/index";
import { demoSite, signedInPage } from "./browser";

const HONG_KONG_LAB = "hk-data-lab@yaosu.demo";
const SUPPLIER = "lingnan-health@yaosu.demo";
const TITLE = "粤港联合流行病学研究门诊统计数据";
const TITLE_EN = "Outpatient statistics for joint Guangdong-Hong Kong epidemiology research";

async function switchLocale(page: Page, locale: string) {
  await page.context().addCookies([{ name: "yaosu_lang", value: locale, url: page.url() }]);
}

/** The route box of the listing page as the reader sees it. */
async function routeBox(page: Page) {
  const box = page.locator("[data-testid=crossborder]");
  await box.waitFor();
  return {
    route: await box.getAttribute("data-route"),
    badge: (await box.locator("[data-testid=crossborder-route]").textContent())!.trim(),
    text: (await box.textContent())!,
  };
}

describe("cross-border routes in the browser", () => {
  const site = demoSite();

  it("a Hong Kong lab finds a Guangzhou dataset by route, reads its route and steps in Traditional Chinese and English, and the supplier sees the same", async () => {
    const lab = await signedInPage(site.browser, site.baseUrl, HONG_KONG_LAB, DEMO_PASSWORD);
    await switchLocale(lab, "zh-Hant");
    // The filter by route on the listings page: the Guangzhou epidemiology dataset goes to Hong Kong on the GBA contract.
    await lab.goto("/listings?route=gba_standard_contract");
    const link = lab
      .locator("a[href^='/listings/']", { hasText: "門診統計數據" })
      .or(lab.locator("a[href^='/listings/']", { hasText: TITLE }))
      .first();
    await link.waitFor();
    const href = (await link.getAttribute("href"))!;
    expect(href).toMatch(/^\/listings\/[0-9a-f-]{36}$/);
    await lab.goto(href);

    const hant = await routeBox(lab);
    expect(hant.route).toBe("gba_standard_contract");
    expect(hant.badge).toBe("大灣區標準合同");
    expect(hant.text).toContain("跨境合規路徑");
    expect(hant.text).toContain("不構成法律意見");
    expect(hant.text).toContain("按範本簽訂大灣區標準合同");
    expect(hant.text).toContain("10 個工作日內向廣東省網信辦備案");
    expect(await lab.locator("html").getAttribute("lang")).toBe("zh-Hant");

    await switchLocale(lab, "en");
    await lab.reload();
    const en = await routeBox(lab);
    expect(en.route).toBe("gba_standard_contract");
    expect(en.badge).toBe("GBA standard contract");
    expect(en.text).toContain("Cross-border route");
    expect(en.text).toContain("not legal advice");
    expect(en.text).toContain("Sign the GBA standard contract as published");
    expect(en.text).toContain("File it with the Guangdong cyberspace office within 10 working days");
    expect(await lab.locator("h1").first().textContent()).toContain(TITLE_EN);

    // The supplier opens the same listing from its own account and reads the same route, the same steps.
    const supplier = await signedInPage(site.browser, site.baseUrl, SUPPLIER, DEMO_PASSWORD);
    await supplier.goto(href);
    expect(await supplier.locator("h1").first().textContent()).toContain(TITLE);
    const own = await routeBox(supplier);
    expect(own.route).toBe("gba_standard_contract");
    expect(own.badge).toBe("大湾区标准合同");
    await switchLocale(supplier, "en");
    await supplier.reload();
    const ownEn = await routeBox(supplier);
    expect(ownEn.badge).toBe(en.badge);
    expect(ownEn.text).toContain("Sign the GBA standard contract as published");

    await lab.context().close();
    await supplier.context().close();
  });
});
