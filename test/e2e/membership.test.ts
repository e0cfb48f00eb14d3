import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { DEMO_PASSWORD, SECRETARIAT_EMAIL } from "../../db/seed/index";
import { creditCode, uniqueEmail } from "../helpers/fixtures";
import { demoSite, signInThrough } from "./browser";
import { linkIn } from "../helpers/mail";

describe("membership in the browser", () => {
  const site = demoSite();

  async function newPage(): Promise<Page> {
    const context = await site.browser.newContext({ baseURL: site.baseUrl, locale: "zh-CN" });
    return context.newPage();
  }

  const signIn = (page: Page, email: string, password: string) => signInThrough(page, email, password);

  it("sign-up says what is wrong before anything is sent, in the page's language", async () => {
    for (const [locale, emailError, passwordError] of [
      ["en-US", "Enter a valid email address", "The password needs at least 10 characters"],
      ["zh-HK", "請輸入有效的電子郵箱", "密碼至少需要 10 個字符"],
    ] as const) {
      const context = await site.browser.newContext({ baseURL: site.baseUrl, locale });
      const page = await context.newPage();
      await page.goto("/signup", { waitUntil: "networkidle" });
      let posts = 0;
      page.on("request", (r) => void (r.method() === "POST" && posts++));
      await page.fill("#f-displayName", "Wang");
      await page.fill("#f-email", "not-an-address");
      await page.fill("#f-password", "short");
      await page.click("button[type=submit].btn-block");
      await expect.poll(() => page.textContent(".field-invalid:has(#f-email) .field-error").catch(() => null), { timeout: 10_000 }).toBe(emailError);
      expect(await page.textContent(".field-invalid:has(#f-password) .field-error")).toBe(passwordError);
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe("email");
      expect(posts).toBe(0);
      await context.close();
    }
  });

  it("an organisation applies, the secretariat approves, and its admin sees the approval arrive live", async () => {
    const applicant = await newPage();
    const email = uniqueEmail("e2e");
    await applicant.goto("/signup");
    await applicant.fill("#f-displayName", "王五");
    await applicant.fill("#f-email", email);
    await applicant.fill("#f-password", "a-long-enough-password");
    await applicant.click("button[type=submit].btn-block");
    await applicant.waitForSelector("[data-testid=signup-sent]");
    // The confirmation arrives over SMTP; its link opens a page whose button confirms the address.
    // Confirming signs no one in: the applicant then signs in with the password.
    const mail = await site.smtp.mailTo(email);
    await applicant.goto(linkIn(mail.text!).path);
    await applicant.click("[data-testid=verify-email] button[type=submit]");
    await applicant.waitForURL("**/login?verified=1");
    await expect.poll(() => applicant.textContent("[data-testid=verified-sign-in]").catch(() => null)).toContain("邮箱已确认");
    await signIn(applicant, email, "a-long-enough-password");
    await applicant.waitForURL("**/home");

    await applicant.click("text=代表单位申请入盟");
    await applicant.waitForURL("**/apply");
    await applicant.selectOption("#f-type", "enterprise");
    await applicant.selectOption("#f-region", "gz_huangpu");
    await applicant.fill("#f-nameZh", "黄埔浏览器测试数据公司");
    await applicant.fill("#f-creditCode", "914401011234567890");
    await applicant.fill("#f-contactName", "王五");
    await applicant.fill("#f-contactEmail", email);
    await applicant.fill("#f-description", "在浏览器里提交的入盟申请，用于端到端测试。");
    // A wrong check digit is caught in the browser, before anything is sent.
    await applicant.click("text=提交申请");
    await expect
      .poll(() => applicant.textContent(".field-invalid:has(#f-creditCode) .field-error").catch(() => null))
      .toBe("统一社会信用代码无效（18 位，校验位不符）");
    expect(new URL(applicant.url()).pathname).toBe("/apply");
    await applicant.fill("#f-creditCode", creditCode());
    await applicant.click("text=提交申请");
    await applicant.waitForURL("**/home");
    await expect.poll(() => applicant.textContent("[data-testid=my-org]")).toContain("入盟申请审核中");

    const staff = await newPage();
    await signIn(staff, SECRETARIAT_EMAIL, DEMO_PASSWORD);
    await staff.waitForURL("**/home");
    await staff.goto("/admin/review");
    const card = staff.locator("[data-testid=application]", { hasText: "黄埔浏览器测试数据公司" });
    // Rejecting asks first, then wants a reason: the card says so before anything is sent.
    let posts = 0;
    staff.on("request", (r) => void (r.method() === "POST" && posts++));
    await card.locator("button[data-confirm=open]", { hasText: "驳回" }).click();
    await card.locator("dialog[open] button[value=reject]").click();
    await expect.poll(() => card.locator(".field-invalid .field-error").textContent()).toBe("驳回时请填写原因");
    expect(posts).toBe(0);
    await card.locator("button[value=approve]").click();
    await expect.poll(() => staff.locator("[data-testid=application]", { hasText: "黄埔浏览器测试数据公司" }).count()).toBe(0);

    // The applicant's tab was open all along: the bell counts the new notification without a reload.
    await expect.poll(() => applicant.textContent("[data-testid=unread]").catch(() => null), { timeout: 10_000 }).toBe("1");
    await applicant.reload();
    expect(await applicant.textContent("[data-testid=my-org]")).toContain("已通过审核");
    expect(await applicant.textContent("#notifications")).toContain("黄埔浏览器测试数据公司");
  });

  it("forgot password -> mail -> reset -> sign in with the new password", async () => {
    const page = await newPage();
    const email = "macau-tourism@yaosu.demo";
    await page.goto("/login");
    await page.click("text=忘记密码？");
    await page.waitForURL("**/forgot-password");
    // Remix changes the URL before it renders the page, and the sign-in form has an #f-email too:
    // wait for the reset form itself.
    await page.waitForSelector("button[type=submit]:has-text('发送重设链接')");
    await page.fill("#f-email", email);
    await page.click("button[type=submit]:has-text('发送重设链接')");
    await page.waitForSelector("[data-testid=reset-sent]");
    const mail = await site.smtp.mailTo(email, "密码");
    await page.goto(linkIn(mail.text!).path);
    await page.fill("#f-password", "a-new-password-2026");
    await page.click("button[type=submit].btn-block");
    await page.waitForURL("**/login?reset=1");
    // Remix changes the URL before it renders the page: wait for the page itself.
    await expect.poll(() => page.textContent("main")).toContain("密码已更新");
    await signIn(page, email, "a-new-password-2026");
    await page.waitForURL("**/home");
  });

  it("switching to 繁體 shows the interface in Traditional Chinese, and it sticks", async () => {
    const page = await newPage();
    await page.goto("/directory");
    expect(await page.textContent("h1")).toBe("会员名录");
    await page.click("button[lang=zh-Hant]");
    await page.waitForLoadState("load");
    await expect.poll(() => page.textContent("h1")).toBe("會員名錄");
    await page.goto("/");
    expect(await page.textContent("h1")).toBe("讓數據要素流動起來");
    expect(await page.getAttribute("html", "lang")).toBe("zh-Hant");
  });

  it("a bad sign-in shows the error and keeps the email that was typed", async () => {
    const page = await newPage();
    await signIn(page, SECRETARIAT_EMAIL, "definitely-wrong");
    await page.waitForSelector(".alert-error");
    expect(await page.textContent(".alert-error")).toBe("邮箱或密码不正确");
    expect(await page.inputValue("#f-email")).toBe(SECRETARIAT_EMAIL);
    expect(await page.inputValue("#f-password")).toBe("");
  });

  it("an unknown page shows the friendly error page, not a stack trace", async () => {
    const page = await newPage();
    const res = await page.goto("/this/does/not/exist");
    expect(res?.status()).toBe(404);
    expect(await page.textContent("h1")).toBe("找不到页面");
    expect(await page.isVisible("text=返回首页")).toBe(true);
  });

  it("the landing page fits a phone screen without sideways scrolling", async () => {
    const context = await site.browser.newContext({ baseURL: site.baseUrl, viewport: { width: 375, height: 740 }, isMobile: true });
    const page = await context.newPage();
    await page.goto("/");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(Number(await page.textContent("[data-testid=count-orgs]"))).toBeGreaterThanOrEqual(12);
  });
});
