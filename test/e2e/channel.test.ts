import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/index";
import { demoSite, signedInPage } from "./browser";

describe("a working group's channel in the browser", () => {
  let channelPath: string;
  const site = demoSite(async (db) => {
    const group = await db.selectFrom("working_groups").select("id").executeTakeFirstOrThrow();
    channelPath = `/groups/${group.id}/channel`;
  });

  it("two members chat and see each other's messages live; an observer reads along but cannot post", async () => {
    const convenor = await signedInPage(site.browser, site.baseUrl, "scut@yaosu.demo", DEMO_PASSWORD);
    const editor = await signedInPage(site.browser, site.baseUrl, "gdri@yaosu.demo", DEMO_PASSWORD, { viewport: { width: 390, height: 844 } });
    const observer = await signedInPage(site.browser, site.baseUrl, "hk-data-lab@yaosu.demo", DEMO_PASSWORD);
    for (const page of [convenor, editor, observer]) {
      await page.goto(channelPath);
      // aria-busy clears once the page's socket is in the group's room and caught up.
      await page.waitForSelector("[data-testid=channel][aria-busy=false]");
    }
    expect(await observer.locator("textarea[name=body]").count()).toBe(0);

    await convenor.fill("textarea[name=body]", "请各位在周五前提交第 5 章的修改意见。");
    await convenor.click("form.composer button[type=submit]");
    await expect.poll(() => editor.textContent("[data-testid=channel]"), { timeout: 10_000 }).toContain("请各位在周五前提交第 5 章的修改意见");
    await expect.poll(() => observer.textContent("[data-testid=channel]"), { timeout: 10_000 }).toContain("请各位在周五前提交第 5 章的修改意见");

    // From the keyboard: Shift+Enter is a new line, Enter sends; the log is announced to screen readers.
    await editor.fill("textarea[name=body]", "收到，5.2 节的估值方法我来补充。");
    await editor.press("textarea[name=body]", "Shift+Enter");
    await editor.type("textarea[name=body]", "下周一前给初稿。");
    expect(await editor.inputValue("textarea[name=body]")).toBe("收到，5.2 节的估值方法我来补充。\n下周一前给初稿。");
    await editor.press("textarea[name=body]", "Enter");
    await expect.poll(() => convenor.textContent("[data-testid=channel]"), { timeout: 10_000 }).toContain("5.2 节的估值方法我来补充");
    expect(await editor.inputValue("textarea[name=body]")).toBe("");
    expect(await convenor.getAttribute("[data-testid=channel]", "role")).toBe("log");
  });
});
