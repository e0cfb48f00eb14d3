import { afterAll, beforeAll } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import type { Db } from "../../db/index";
import { seedDemo } from "../../db/seed/index";
import { createTestDb } from "../helpers/db";
import { startTestApp, totpAt, totpSecrets } from "../helpers/app";
import { startSmtpServer } from "../helpers/smtp";

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
  await signInThrough(page, email, password);
  await page.waitForURL("**/home");
  return page;
}

/** The sign-in form, and for staff the two-factor step with the code their secret gives now. */
export async function signInThrough(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.fill("#f-email", email);
  await page.fill("#f-password", password);
  await page.click("button[type=submit].btn-block");
  const secret = totpSecrets.get(email.toLowerCase());
  if (!secret) return;
  // Staff leave /login for the two-factor step (or stay with an error): read the URL only once either shows.
  await page.waitForFunction(() => location.pathname !== "/login" || !!document.querySelector(".alert-error"));
  await page.waitForLoadState("networkidle");
  if (!page.url().includes("/login/2fa")) return;
  // A code works once: a second sign-in within the same 30 s takes the next step's code.
  for (const offset of [0, 1, -1]) {
    await page.fill("#f-code", totpAt(secret, Date.now() + offset * 30_000));
    await page.click("button[type=submit].btn-block");
    // Either the sign-in went through (we leave the page) or the code was refused (an error shows, the button is back).
    await page.waitForFunction(
      () =>
        !location.pathname.startsWith("/login/2fa") ||
        (document.querySelector(".alert-error, .field-error") && !document.querySelector("button[type=submit][disabled]")),
    );
    if (!new URL(page.url()).pathname.startsWith("/login/2fa")) return;
  }
}

/**
 * The demo site every browser test starts from: a fresh database with the demo seed, `prepare`
 * run on it before the app starts, the app on a loopback port, and a browser; all closed after.
 */
export function demoSite(prepare: (db: Db) => Promise<void> = async () => {}) {
  let test: Awaited<ReturnType<typeof createTestDb>> | undefined;
  let app: Awaited<ReturnType<typeof startTestApp>> | undefined;
  let browser: Browser | undefined;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>> | undefined;
  beforeAll(async () => {
    test = await createTestDb();
    await seedDemo(test.db);
    await prepare(test.db);
    // Mail leaves through a real SMTP server, as in production, and lands in the test's inbox.
    smtp = await startSmtpServer();
    app = await startTestApp(test.db, { smtpUrl: smtp.url });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await smtp?.close();
    await test?.drop().catch(() => {});
  });
  return {
    get db() {
      return test!.db;
    },
    get baseUrl() {
      return app!.baseUrl;
    },
    get browser() {
      return browser!;
    },
    get smtp() {
      return smtp!;
    },
  };
}
