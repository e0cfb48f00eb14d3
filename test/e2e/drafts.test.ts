import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/index";
import { demoSite, signedInPage } from "./browser";

describe("standard drafts in the browser", () => {
  let draftPath: string;
  const site = demoSite(async (db) => {
    const d = await db.selectFrom("drafts").select(["id", "group_id"]).where("code", "=", "T/GZDEA 002-2026").executeTakeFirstOrThrow();
    draftPath = `/groups/${d.group_id}/drafts/${d.id}`;
  });

  const signedIn = (email: string) => signedInPage(site.browser, site.baseUrl, email, DEMO_PASSWORD, { viewport: { width: 390, height: 844 } });

  it("a member comments on a draft out for public comment, the editor resolves it, and both see the resolution", async () => {
    const member = await signedIn("yuecheng-tech@yaosu.demo");
    await member.goto(draftPath);
    expect(await member.getAttribute("[data-testid=draft-stage]", "data-stage")).toBe("public_comment");
    const form = member.locator("[data-testid=comment-form]");
    // Mistakes are named on the form before anything is sent: a blank comment, half a patent disclosure.
    let posts = 0;
    member.on("request", (r) => void (r.method() === "POST" && posts++));
    await form.locator("#f-patentHolder").evaluate((el: HTMLInputElement) => (el.value = "某专利权人"));
    await form.locator("button[type=submit]").click();
    await expect.poll(() => form.locator(".field-invalid:has(#f-clause) .field-error").textContent()).toBe("此项为必填");
    expect(await form.locator(".field-invalid:has(#f-patentNumber) .field-error").textContent()).toBe("请同时填写专利权人和专利号");
    expect(await form.locator("details").getAttribute("open")).not.toBeNull();
    expect(posts).toBe(0);
    await form.locator("#f-patentHolder").fill("");
    await form.locator("#f-clause").fill("5.3");
    await form.locator("#f-comment").fill("浏览器里提交的意见：市场法应说明可比案例的选取标准。");
    await form.locator("#f-proposedChange").fill("增加可比案例选取标准。");
    await form.locator("button[type=submit]").click();
    const mine = member.locator("[data-testid=comment]", { hasText: "浏览器里提交的意见" });
    await expect.poll(() => mine.count()).toBe(1);
    expect(await mine.textContent()).toContain("待处理");

    const editor = await signedIn("gdri@yaosu.demo");
    await editor.goto(draftPath);
    const row = editor.locator("[data-testid=comment]", { hasText: "浏览器里提交的意见" });
    // No resolution is preselected; resolving without one is refused on that comment's row.
    await row.locator("button[type=submit]").click();
    await expect.poll(() => row.locator(`[id^="e-resolution-"]`).textContent()).toBe("请从列表中选择");
    await row.locator("select[name=resolution]").selectOption("accepted");
    await row.locator("input[name=reason]").fill("采纳，在 5.3 中增加选取标准。");
    await row.locator("button[type=submit]").click();
    await expect
      .poll(() =>
        row
          .locator("[data-testid=resolution]")
          .textContent()
          .catch(() => null),
      )
      .toContain("采纳，在 5.3 中增加选取标准。");

    await member.reload();
    const resolved = member.locator("[data-testid=comment]", { hasText: "浏览器里提交的意见" }).locator("[data-testid=resolution]");
    expect(await resolved.textContent()).toContain("采纳");
    expect(await resolved.textContent()).toContain("采纳，在 5.3 中增加选取标准。");
    // The member does not get the editor's resolve form.
    expect(await member.locator("[data-testid=comment] select[name=resolution]").count()).toBe(0);
    await member.goto(`${draftPath}/comments`);
    expect(await member.textContent("[data-testid=resolution-table]")).toContain("采纳，在 5.3 中增加选取标准。");
  });
});
