import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD, MODERATOR_EMAIL } from "../../db/seed/index";
import { demoSite, signedInPage } from "./browser";

const REPORTER = "baiyun-logistics@yaosu.demo";
const OWNER = "gz-data-bureau@yaosu.demo";
const TITLE = "广州市道路交通流量与拥堵指数数据";
const DESKTOP = { width: 1366, height: 900 };

describe("a complaint in the browser: report -> triage -> hide -> owner appeal -> restore", () => {
  const site = demoSite();

  it("the owner sees the hide notice live, appeals once, and a moderator restores the listing", async () => {
    const listing = await site.db.selectFrom("listings").select("id").where("title", "=", TITLE).where("status", "=", "published").executeTakeFirstOrThrow();
    const path = `/listings/${listing.id}`;

    // The owner keeps the listing's page open throughout: the notice must arrive without a reload.
    const owner = await signedInPage(site.browser, site.baseUrl, OWNER, DEMO_PASSWORD, { viewport: DESKTOP });
    await owner.goto(path);
    expect(await owner.locator("[data-testid=hidden-notice]").count()).toBe(0);
    expect(await owner.locator("[data-testid=report-link]").count()).toBe(0);

    // A member of another organisation reports it through the Conform form.
    const reporter = await signedInPage(site.browser, site.baseUrl, REPORTER, DEMO_PASSWORD, { viewport: DESKTOP });
    await reporter.goto(path);
    await reporter.click("[data-testid=report-link]");
    await reporter.waitForURL("**/reports/new?**");
    await reporter.selectOption("select[name=category]", "misleading");
    await reporter.fill("textarea[name=description]", "拥堵指数的覆盖范围与描述不符，样例中的路段并不存在。");
    await reporter.click("button[type=submit].btn-primary");
    await reporter.waitForURL("**/reports?filed=1");
    await expect.poll(() => reporter.locator("[data-testid=my-reports]").textContent()).toContain(TITLE);

    // Triage: the moderator finds it in the queue (with its due date) and hides the listing with a reason.
    const moderator = await signedInPage(site.browser, site.baseUrl, MODERATOR_EMAIL, DEMO_PASSWORD, { viewport: DESKTOP });
    await moderator.goto("/moderation");
    const card = moderator.locator("[data-testid=queued-report]", { hasText: TITLE });
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.locator("[data-testid=due]").count()).toBe(1);
    await card.locator("select[name=decision]").selectOption("hide");
    await card.locator("textarea[name=reason]").fill("样例路段不存在，请核实后申诉");
    await card.locator("button[type=submit]", { hasText: "确认处理" }).click();
    await expect.poll(() => moderator.locator("[data-testid=decided]").count()).toBe(1);

    // The owner's open page shows the notice, carried by the notification socket.
    await expect.poll(() => owner.locator("[data-testid=hidden-notice]").textContent(), { timeout: 15_000 }).toContain("样例路段不存在，请核实后申诉");
    // The reporter's name is nowhere on the owner's page or their reports page.
    expect(await owner.content()).not.toContain(REPORTER);
    await owner.goto("/reports");
    expect(await owner.content()).not.toContain(REPORTER);

    // The owner appeals once.
    const moderated = owner.locator("[data-testid=moderated]", { hasText: TITLE });
    await moderated.locator("summary").click();
    await moderated.locator("textarea[name=statement]").fill("样例路段已更正为真实路段编号，请恢复。");
    await moderated.locator("button[type=submit]").click();
    await expect.poll(() => owner.locator("[data-testid=appeal-sent]").count()).toBe(1);
    await expect.poll(() => owner.locator("[data-testid=moderated]", { hasText: TITLE }).locator("[data-testid=appealed]").count()).toBe(1);
    expect(await owner.locator("[data-testid=moderated]", { hasText: TITLE }).locator("summary").count()).toBe(0);

    // The appeal lands in the moderators' queue; the moderator restores.
    await moderator.goto("/moderation/actions?view=appeals");
    const appeal = moderator.locator("[data-testid=moderation-action]", { hasText: TITLE });
    await expect.poll(() => appeal.locator("[data-testid=appeal-statement]").textContent()).toContain("样例路段已更正");
    await appeal.locator("select[name=outcome]").selectOption("restored");
    await appeal.locator("textarea[name=reason]").fill("已核实更正");
    await appeal.locator("button[type=submit]").click();
    await expect.poll(() => moderator.locator("[data-testid=moderation-done]").count()).toBe(1);

    // Back for everyone: a visitor reads the page again, and the owner's reports page shows the answer live.
    await expect.poll(() => owner.locator("[data-testid=moderated]", { hasText: TITLE }).textContent(), { timeout: 15_000 }).toContain("已核实更正");
    const visitor = await site.browser.newPage({ baseURL: site.baseUrl });
    expect((await visitor.goto(path))!.status()).toBe(200);
    await visitor.close();
    for (const page of [owner, reporter, moderator]) await page.context().close();
  });
});
