import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD, SECRETARIAT_EMAIL } from "../../db/seed/index";
import { PASSWORD, makeApprovedOrg } from "../helpers/fixtures";
import { publishListing } from "../helpers/listings";
import { demoSite, signedInPage } from "./browser";
import { loadActor } from "../../app/models/accounts/auth.server";

describe("the marketplace in the browser", () => {
  let seller: { email: string };
  let buyer: { email: string };
  let spare = "";
  const site = demoSite(async (db) => {
    const staffRow = await db.selectFrom("users").select("id").where("email", "=", SECRETARIAT_EMAIL).executeTakeFirstOrThrow();
    const staff = (await loadActor(db, staffRow.id))!;
    seller = (await makeApprovedOrg(db, staff, { nameZh: "端到端港航数据公司" })).owner;
    const b = await makeApprovedOrg(db, staff, { type: "user", nameZh: "端到端物流集团" });
    buyer = b.owner;
    await publishListing(db, await b.owner.actor(), staff, {
      kind: "demand",
      title: "采购冷链车辆温度监测数据",
      description: "需要冷链运输车辆的实时温度与位置监测数据，用于食品安全追溯。",
      sectors: ["transport"],
      deliveryModes: ["api"],
      tags: ["冷链", "温度监测"],
      scenario: "冷链食品安全追溯",
    });
    spare = await publishListing(db, await b.owner.actor(), staff, {
      kind: "demand",
      title: "采购港区闸口车辆排队数据",
      description: "需要港区闸口车辆排队长度与等待时间数据，用于预约放行调度。",
      sectors: ["transport"],
      deliveryModes: ["api"],
      tags: ["港区"],
      scenario: "闸口预约放行",
    });
  });

  const signedIn = (email: string, password: string) => signedInPage(site.browser, site.baseUrl, email, password);

  it("a supply is published, the matching demand's owner is told live, expresses interest, and the two talk", async () => {
    const buyerPage = await signedIn(buyer.email, PASSWORD);
    const sellerPage = await signedIn(seller.email, PASSWORD);
    const staffPage = await signedIn(SECRETARIAT_EMAIL, DEMO_PASSWORD);
    await buyerPage.waitForFunction(() => document.querySelector("[data-testid=bell]") !== null);
    const before = Number((await buyerPage.textContent("[data-testid=unread]").catch(() => "0")) ?? 0);

    await sellerPage.goto("/listings/new");
    // Nothing is chosen for the poster: kind, grade and pricing are picked like every other field.
    await sellerPage.selectOption("#f-kind", "supply");
    await sellerPage.fill("#f-title", "冷链车辆温度与位置监测数据接口");
    await sellerPage.fill("#f-description", "覆盖大湾区 3000 辆冷链运输车辆的**实时温度**与位置监测数据。");
    await sellerPage.fill("#f-scenario", "冷链食品安全追溯与运输调度");
    await sellerPage.check("input[name=sectors][value=transport]");
    await sellerPage.check("input[name=regions][value=gba]");
    await sellerPage.fill("#f-tags", "冷链, 温度监测");
    await sellerPage.selectOption("#f-dataCategory", "enterprise");
    await sellerPage.selectOption("#f-grade", "general");
    await sellerPage.selectOption("#f-pricingModel", "negotiated");
    await sellerPage.check("input[name=rights][value=processing]");
    await sellerPage.check("input[name=deliveryModes][value=api]");
    await sellerPage.click("button[value=submit]");
    await sellerPage.waitForURL(/\/listings\/[0-9a-f-]{36}$/);
    await expect.poll(() => sellerPage.textContent("h1")).toBe("冷链车辆温度与位置监测数据接口");

    await staffPage.goto("/admin/listings");
    const card = staffPage.locator("[data-testid=pending-listing]", { hasText: "冷链车辆温度与位置监测数据接口" });
    // Approving with the checklist half ticked, or returning without a reason, is refused on the card before anything is sent.
    let posts = 0;
    staffPage.on("request", (r) => void (r.method() === "POST" && posts++));
    await card.locator("input[name=check_scenario]").check();
    await card.locator("button[value=approve]").click();
    await expect.poll(() => card.locator(".alert-error").textContent()).toBe("请先勾选全部审核项");
    await card.locator("button[value=return]").click();
    await expect.poll(() => card.locator(".field-invalid .field-error").textContent()).toBe("驳回时请填写原因");
    expect(posts).toBe(0);
    for (const box of await card.locator("input[type=checkbox]").all()) await box.check();
    await card.locator("button[value=approve]").click();
    await expect.poll(() => staffPage.locator("[data-testid=pending-listing]", { hasText: "冷链车辆温度与位置监测数据接口" }).count()).toBe(0);

    // The buyer did nothing: the bell counts up on its own.
    await expect
      .poll(async () => Number((await buyerPage.textContent("[data-testid=unread]").catch(() => "0")) ?? 0), { timeout: 15_000 })
      .toBeGreaterThan(before);
    await buyerPage.click("[data-testid=bell]");
    await buyerPage.waitForURL(/\/notifications$/);
    await buyerPage.click("[data-testid=notices] a:has-text('冷链车辆温度与位置监测数据接口')");
    const match = buyerPage.locator("[data-testid=matches] li", { hasText: "冷链车辆温度与位置监测数据接口" });
    expect(await match.locator("[data-testid=reasons]").textContent()).toContain("同属行业");
    await match.locator("button[value=interest]").click();
    await buyerPage.waitForURL(/\/matches\//);
    // Remix changes the URL before it renders the new page, so wait for the page itself.
    await expect.poll(() => buyerPage.textContent("body")).toContain("已表达意向，等待对方回应");

    await sellerPage.goto("/my/listings");
    await sellerPage.click("[data-testid=my-matches] a");
    await sellerPage.click("button[value=accept]");
    await sellerPage.waitForSelector("textarea[name=body]");

    // The buyer's page learns the status change from the room and shows the composer.
    await buyerPage.waitForSelector("textarea[name=body]", { timeout: 15_000 });
    await buyerPage.fill("textarea[name=body]", "您好，数据能否按小时汇总提供？");
    await buyerPage.click("text=发送");
    await expect.poll(() => sellerPage.textContent("[data-testid=thread]"), { timeout: 10_000 }).toContain("数据能否按小时汇总提供");
    await sellerPage.fill("textarea[name=body]", "可以，接口支持小时粒度。");
    await sellerPage.click("text=发送");
    await expect.poll(() => buyerPage.textContent("[data-testid=thread]"), { timeout: 10_000 }).toContain("接口支持小时粒度");
  });

  it("the search box finds natural phrases, other scripts and English: 交通数据, 醫療影像, typhoon", async () => {
    const page = await site.browser.newPage({ baseURL: site.baseUrl, locale: "zh-CN" });
    for (const [q, expected] of [
      ["交通数据", "广州市道路交通流量与拥堵指数数据"],
      ["醫療影像", "三甲医院医学影像数据集"],
      ["typhoon", "港口作业需要台风与海洋气象预警数据"],
    ] as const) {
      await page.goto("/listings");
      await page.fill("main input[name=q]", q);
      await page.press("main input[name=q]", "Enter");
      await page.waitForURL(`**/listings?*q=*`);
      await expect.poll(() => page.textContent("[data-testid=listings]"), { timeout: 10_000 }).toContain(expected);
      expect(await page.textContent("[data-testid=listings-total]"), q).not.toContain("共 0 条");
    }
    await page.close();
  });

  it("the listing form says what is wrong before anything is sent, next to the field and in the page's language", async () => {
    const page = await signedIn(seller.email, PASSWORD);
    await page.goto("/listings/new", { waitUntil: "networkidle" });
    let posts = 0;
    page.on("request", (r) => void (r.method() === "POST" && posts++));
    // Nothing is preselected: the kind is chosen first, so the title is the first field in error.
    await page.selectOption("select[name=kind]", "supply");
    await page.fill("#f-title", "短");
    await page.click("button[name=intent][value=submit]");
    await expect.poll(() => page.textContent(".alert-error")).toBe("请修正以下标出的问题。");
    const titleError = await page.textContent(".field-invalid:has(#f-title) .field-error");
    expect(titleError).toBe("至少需要 4 个字符");
    expect(await page.textContent(".field-invalid:has(#f-description) .field-error")).toBe("此项为必填");
    // The first field in error has the focus; nothing went to the server and the typed text stays.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe("title");
    expect(posts).toBe(0);
    expect(await page.inputValue("#f-title")).toBe("短");
    await page.close();
  });

  it("an API key needs a name: the form says so before sending, then shows the new key once", async () => {
    const page = await signedIn(seller.email, PASSWORD);
    await page.goto("/org/api-keys", { waitUntil: "networkidle" });
    let posts = 0;
    page.on("request", (r) => void (r.method() === "POST" && posts++));
    await page.fill("#f-name", "   ");
    await page.click("button[value=create]");
    await expect.poll(() => page.textContent(".field-invalid:has(#f-name) .field-error")).toBe("此项为必填");
    expect(posts).toBe(0);
    await page.fill("#f-name", "ERP 对接");
    await page.click("button[value=create]");
    await expect.poll(() => page.textContent("[data-testid=new-key-value]").catch(() => null)).toMatch(/^yk_[0-9A-Za-z]{40}$/);
    expect(posts).toBe(1);
    expect(await page.locator(".field-invalid").count()).toBe(0);
    await page.close();
  });

  it("withdrawing asks first: cancelling keeps the listing, confirming withdraws it", async () => {
    const page = await signedIn(buyer.email, PASSWORD);
    await page.goto(`/listings/${spare}`);
    // The page's own dialog asks, in the page's language (not the browser's "127.0.0.1 says…").
    let native = 0;
    page.on("dialog", (d) => void (native++, d.dismiss()));
    await page.click("button[data-confirm=open]:has-text('撤回')");
    const dialog = page.locator("dialog[open]");
    await expect.poll(() => dialog.textContent()).toContain("不能恢复");
    await dialog.locator("button[data-confirm=cancel]").click();
    await page.reload();
    expect(await page.textContent("main")).toContain("已发布");
    await page.click("button[data-confirm=open]:has-text('撤回')");
    await page.locator("dialog[open] button[value=withdrawn]").click();
    expect(native).toBe(0);
    await expect.poll(() => page.textContent("main")).toContain("已撤回");
    await page.close();
  });
});
