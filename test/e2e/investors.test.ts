import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/index";
import { demoSite, signedInPage } from "./browser";

describe("investors in the browser", () => {
  const site = demoSite();

  const signedIn = (email: string) => signedInPage(site.browser, site.baseUrl, email, DEMO_PASSWORD, { viewport: { width: 390, height: 844 } });

  it("an investor filters, watches and asks for an introduction; the enterprise accepts and both see contacts", async () => {
    const vc = await signedIn("pearl-capital@yaosu.demo");
    await vc.goto("/enterprises");
    await vc.selectOption("select[name=sector]", "transport");
    await vc.selectOption("select[name=dcmm]", "4");
    await vc.click("[data-testid=pf-filters] button[type=submit]");
    await vc.waitForURL(/sector=transport/);
    const cards = vc.locator("[data-testid=profile-card]");
    await expect.poll(() => cards.count()).toBe(1);
    expect(await cards.first().textContent()).toContain("粤城智算科技有限公司");
    await cards.first().locator("a.listing-title").click();
    await vc.waitForURL(/\/enterprises\/[0-9a-f-]{36}$/);
    // Investors see the investors-only financing plan.
    expect(await vc.textContent("[data-testid=pf-financing]")).toContain("8000");

    await vc.fill("[data-testid=watch-box] textarea[name=note]", "交通赛道重点跟进");
    await vc.click("[data-testid=watch-box] button[value=watch]");
    await expect.poll(() => vc.locator("[data-testid=watch-box] button[value=unwatch]").count()).toBe(1);

    await vc.fill("[data-testid=intro-box] textarea[name=message]", "您好，珠江数智希望了解贵司的 B 轮融资计划。");
    await vc.click("[data-testid=intro-box] button[value=introduce]");
    await expect.poll(() => vc.locator("[data-testid=intro-state]").count()).toBe(1);

    await vc.goto("/watchlist");
    expect(await vc.textContent("[data-testid=watchlist]")).toContain("粤城智算科技有限公司");
    expect(await vc.inputValue("[data-testid=watchlist] textarea[name=note] >> nth=0")).toBeTruthy();

    const ent = await signedIn("yuecheng-tech@yaosu.demo");
    await ent.goto("/introductions");
    const request = ent.locator("[data-testid=incoming] [data-testid=intro]", { hasText: "珠江数智创业投资基金" });
    expect(await request.textContent()).not.toContain("pearl-capital@yaosu.demo");
    await request.locator("button[value=accept]").click();
    await expect.poll(() => request.locator("[data-testid=intro-contact]").textContent()).toContain("pearl-capital@yaosu.demo");

    await vc.goto("/introductions");
    const mine = vc.locator("[data-testid=outgoing] [data-testid=intro]", { hasText: "粤城智算科技有限公司" });
    expect(await mine.locator("[data-testid=intro-contact]").textContent()).toContain("yuecheng-tech@yaosu.demo");

    // The investor was notified; the bell shows it.
    await vc.goto("/home");
    expect(await vc.textContent("#notifications")).toMatch(/intro\.accepted|粤城智算/);
  });
});
