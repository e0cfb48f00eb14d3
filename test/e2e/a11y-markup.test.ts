import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../db/seed/index";
import type { Db } from "../../db/index";
import { storeNotifications } from "../../app/models/core/notifications.server";
import { demoSite, signedInPage } from "./browser";

const require = createRequire(import.meta.url);
const LOCALES = ["zh-Hans", "zh-Hant", "en"] as const;
const MEMBER = "baiyun-logistics@yaosu.demo";

/**
 * The signed-in member's own rooms, read from the database: a match of one of its listings and the
 * channel of a working group it belongs to (live lists: `role="log"`), with an unread notification
 * so the bell's badge is on every page.
 */
async function memberRooms(db: Db): Promise<string[]> {
  const user = await db.selectFrom("users").select("id").where("email", "=", MEMBER).executeTakeFirstOrThrow();
  const org = await db.selectFrom("org_members").select("org_id").where("user_id", "=", user.id).executeTakeFirstOrThrow();
  const match = await db
    .selectFrom("matches")
    .innerJoin("listings", (j) =>
      j.on((eb) => eb.or([eb("listings.id", "=", eb.ref("matches.supply_id")), eb("listings.id", "=", eb.ref("matches.demand_id"))])),
    )
    .select("matches.id")
    .where("listings.org_id", "=", org.org_id)
    .executeTakeFirst();
  let group = await db.selectFrom("group_members").select("group_id").where("user_id", "=", user.id).where("status", "=", "active").executeTakeFirst();
  if (!group) {
    group = await db.selectFrom("working_groups").select("id as group_id").executeTakeFirstOrThrow();
    await db
      .insertInto("group_members")
      .values({ group_id: group.group_id, user_id: user.id, role: "member", status: "active", created_at: new Date() })
      .execute();
  }
  expect(match, "the member has a match").toBeTruthy();
  const listing = await db.selectFrom("listings").select(["id", "title", "title_en"]).where("org_id", "!=", org.org_id).executeTakeFirstOrThrow();
  await storeNotifications(db, [user.id], "match.new", { listingId: listing.id, title: listing.title, titleEn: listing.title_en, score: 80 });
  return [`/matches/${match!.id}`, `/groups/${group.group_id}/channel`, "/profile"];
}

/** The main pages: what a visitor sees, and a member's own pages; detail pages found on their lists. */
async function mainPages(page: Page, rooms: string[] = []): Promise<string[]> {
  const first = async (list: string, pattern: RegExp) => {
    await page.goto(list);
    return (await page.content()).match(pattern)?.[0];
  };
  const group = await first("/groups", /\/groups\/[0-9a-f-]{36}/);
  const details = [
    await first("/listings", /\/listings\/[0-9a-f-]{36}/),
    await first("/scenarios", /\/scenarios\/[0-9a-f-]{36}/),
    await first("/enterprises", /\/enterprises\/[0-9a-f-]{36}/),
    await first("/directory", /\/orgs\/[0-9a-f-]{36}/),
    group,
    `${group}/drafts`,
    await first(`${group}/drafts`, /\/groups\/[0-9a-f-]{36}\/drafts\/[0-9a-f-]{36}/),
  ];
  expect(details.every(Boolean), "every list links to a detail page").toBe(true);
  return [
    "/",
    "/listings",
    "/scenarios",
    "/catalog",
    "/groups",
    "/enterprises",
    "/providers",
    "/directory",
    "/stats",
    "/reports/personal-info",
    "/search?q=%E4%BA%A4%E9%80%9A",
    "/home",
    "/notifications",
    "/my/listings",
    ...(details as string[]),
    ...rooms,
  ];
}

async function switchLocale(page: Page, locale: string) {
  await page.context().addCookies([{ name: "yaosu_lang", value: locale, url: page.url() }]);
}

describe("markup and accessibility of the main pages, in three languages", () => {
  const site = demoSite();

  it("the Nu HTML Checker finds no errors", async () => {
    const page = await signedInPage(site.browser, site.baseUrl, MEMBER, DEMO_PASSWORD);
    const paths = await mainPages(page, await memberRooms(site.db));
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "yaosu-vnu-"));
    try {
      for (const locale of LOCALES) {
        await switchLocale(page, locale);
        for (const [i, p] of paths.entries()) {
          // The HTML as the server sent it (what the checker is for), not the DOM after hydration.
          const res = await page.request.get(p);
          expect(res.status(), p).toBe(200);
          await fs.writeFile(path.join(dir, `${locale}-${i}.html`), await res.body());
        }
      }
      const jar = require.resolve("vnu-jar/build/dist/vnu.jar");
      // The checker writes its JSON report to stderr.
      const { stderr } = await promisify(execFile)("java", ["-jar", jar, "--errors-only", "--exit-zero-always", "--format", "json", dir], {
        maxBuffer: 1 << 26,
      });
      const messages = (JSON.parse(stderr).messages as { type: string; message: string; url: string }[]).filter((m) => m.type === "error");
      expect(messages.map((m) => `${path.basename(m.url)}: ${m.message}`)).toEqual([]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
      await page.context().close();
    }
  });

  it("axe-core finds no serious or critical violations", async () => {
    const axeSource = await fs.readFile(require.resolve("axe-core/axe.min.js"), "utf8");
    const page = await signedInPage(site.browser, site.baseUrl, MEMBER, DEMO_PASSWORD);
    const paths = await mainPages(page, await memberRooms(site.db));
    const found: string[] = [];
    try {
      for (const locale of LOCALES) {
        await switchLocale(page, locale);
        for (const p of paths) {
          await page.goto(p);
          await page.waitForLoadState("networkidle");
          // Through the debugging protocol: the page's CSP (rightly) refuses inline scripts.
          await page.evaluate(axeSource);
          const violations = await page.evaluate(async () => {
            const axe = (
              window as unknown as {
                axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
              }
            ).axe;
            const r = await axe.run(document, { resultTypes: ["violations"] });
            return r.violations
              .filter((v) => v.impact === "serious" || v.impact === "critical")
              .map(
                (v) =>
                  `${v.id} (${v.impact}) at ${v.nodes
                    .slice(0, 3)
                    .map((n) => n.target.join(" "))
                    .join(", ")}`,
              );
          });
          found.push(...violations.map((v) => `${locale} ${p}: ${v}`));
          // A form left to the browser's own checks answers in the browser's language, not the page's.
          const bubbling = await page.locator("form:not([novalidate]) :is([required], [pattern], [min], [max], [type=email], [type=url])").count();
          if (bubbling) found.push(`${locale} ${p}: ${bubbling} field(s) checked by native bubbles`);
        }
      }
    } finally {
      await page.context().close();
    }
    expect(found).toEqual([]);
    // Sixty page loads with a full axe run each: about 70 s on a quiet two-core machine.
  }, 240_000);
});

describe("the main pages on a phone (375 px)", () => {
  const site = demoSite();

  it("nothing scrolls sideways and no table is wider than the screen, in every language", async () => {
    const page = await signedInPage(site.browser, site.baseUrl, MEMBER, DEMO_PASSWORD, { viewport: { width: 375, height: 740 } });
    const paths = await mainPages(page, await memberRooms(site.db));
    const problems: string[] = [];
    try {
      for (const locale of LOCALES) {
        await switchLocale(page, locale);
        for (const p of paths) {
          await page.goto(p);
          const wide = await page.evaluate(() => {
            const found: string[] = [];
            const sideways = document.documentElement.scrollWidth - window.innerWidth;
            if (sideways > 0) found.push(`page scrolls ${sideways}px sideways`);
            // A chart label cut short (text-overflow) says nothing: "Guangzhou · …" for every district.
            for (const el of document.querySelectorAll<HTMLElement>(".hbar-label, .chart-label"))
              if (el.scrollWidth > el.clientWidth + 1) found.push(`label "${el.textContent}" is cut`);
            for (const el of document.querySelectorAll("main table, main .card, main img, main pre")) {
              const r = el.getBoundingClientRect();
              if (r.right > window.innerWidth + 1) found.push(`${el.tagName.toLowerCase()}.${(el as HTMLElement).className} ends at ${Math.round(r.right)}px`);
            }
            return found;
          });
          problems.push(...wide.map((w) => `${locale} ${p}: ${w}`));
        }
      }
    } finally {
      await page.context().close();
    }
    expect(problems).toEqual([]);
  });
});
