import { chromium, type Browser, type Page } from "playwright-core";

/** Debian's chromium, headless, with the flags this machine's closed network needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
    ],
  });
}

/** A fresh browser context signed in through the real form, landing on the dashboard. */
export async function signedInPage(
  browser: Browser,
  baseURL: string,
  email: string,
  password: string,
  options: { viewport?: { width: number; height: number } } = {},
): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: "zh-CN", ...options });
  const page = await context.newPage();
  await page.goto("/login");
  await page.fill("#f-email", email);
  await page.fill("#f-password", password);
  await page.click("button[type=submit].btn-block");
  await page.waitForURL("**/home");
  return page;
}
