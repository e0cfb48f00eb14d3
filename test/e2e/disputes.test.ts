import fs from "node:fs/promises";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { sql } from "kysely";
import { DEMO_PASSWORD, SECRETARIAT_EMAIL } from "../../db/seed/index";
import { loadActor } from "../../app/models/accounts/auth.server";
import { advanceMatch, expressInterest } from "../../app/models/marketplace/deals.server";
import type { Actor } from "../../app/models/core/permissions";
import type { Db } from "../../db/index";
import { publishListing } from "../helpers/listings";
import { demoSite, signedInPage } from "./browser";

const CLAIMANT = "baiyun-logistics@yaosu.demo";
const RESPONDENT = "yuecheng-tech@yaosu.demo";
const MEDIATOR = "trust-compliance@yaosu.demo";
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

let matchId = "";

async function actorOf(db: Db, email: string): Promise<Actor> {
  const u = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  return (await loadActor(db, u.id))!;
}

/** A deal in negotiation between two demo organisations, and the demo compliance firm registered for dispute resolution. */
async function prepare(db: Db) {
  const staff = await actorOf(db, SECRETARIAT_EMAIL);
  const seller = await actorOf(db, RESPONDENT);
  const buyer = await actorOf(db, CLAIMANT);
  const supplyId = await publishListing(db, seller, staff, { title: "港区集卡实时轨迹数据", sectors: ["transport"], tags: ["集卡"] });
  const demandId = await publishListing(db, buyer, staff, { kind: "demand", title: "需要港区集卡轨迹数据", sectors: ["transport"], tags: ["集卡"] });
  matchId = await expressInterest(db, buyer, { myListingId: demandId, otherListingId: supplyId });
  await advanceMatch(db, seller, matchId, "accept");
  const mediatorOrg = (await actorOf(db, MEDIATOR)).org!.id;
  await sql`insert into org_profiles (org_id, service_types) values (${mediatorOrg}, array['dispute_resolution'])
    on conflict (org_id) do update set service_types = array_append(org_profiles.service_types, 'dispute_resolution')`.execute(db);
}

const require = createRequire(import.meta.url);

/** axe-core's serious and critical violations in the page's main content as it is now (run through the debugging protocol: the CSP refuses inline scripts). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(await fs.readFile(require.resolve("axe-core/axe.min.js"), "utf8"));
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Element | Document,
            o: object,
          ) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[]; failureSummary: string }[] }[] }>;
        };
      }
    ).axe;
    // The page's own content: the header's unread badge is the shell's (see the report of this change).
    const r = await axe.run(document.querySelector("main") ?? document, { resultTypes: ["violations"] });
    return r.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${location.pathname}: ${v.id} at ${v.nodes.map((n) => `${n.target.join(" ")} (${n.failureSummary})`).join(", ")}`);
  });
}

/** The dispute page has joined its live room (so what the other side does next reaches it). */
const live = (page: Page) => page.locator("[data-testid=timeline][data-live=on]").waitFor();
const statusOf = (page: Page) => page.locator("[data-testid=dispute-status]").getAttribute("data-status");

describe("disputes in the browser", () => {
  const site = demoSite(prepare);

  it("open -> answer -> mediate -> outcome, with the other party's page following live", async () => {
    const claimant = await signedInPage(site.browser, site.baseUrl, CLAIMANT, DEMO_PASSWORD, { viewport: DESKTOP });
    await claimant.goto(`/matches/${matchId}`);
    await claimant.click("[data-testid=open-dispute]");
    await claimant.waitForURL("**/disputes/new?match=*");
    const violations = await axeViolations(claimant);
    // Checked in the browser with the action's schema first: nothing is sent.
    await claimant.click("button[type=submit].btn-primary");
    await expect.poll(() => claimant.locator(".field-error").count()).toBe(2);
    await claimant.fill("input[name=title]", "集卡轨迹数据缺少车牌字段");
    await claimant.fill("textarea[name=claim]", "交付的轨迹数据缺少合同约定的车牌字段，且更新频率为每小时而非每分钟。");
    await claimant.setInputFiles("input[name=evidence]", [
      { name: "交付记录.txt", mimeType: "text/plain", buffer: Buffer.from("2026-12-01 交付批次 A：无 plate 字段\n") },
    ]);
    await claimant.click("button[type=submit].btn-primary");
    await claimant.waitForURL(/\/disputes\/[0-9a-f-]{36}\?opened=1$/);
    const disputePath = new URL(claimant.url()).pathname;
    expect(await statusOf(claimant)).toBe("open");
    await expect.poll(() => claimant.locator("[data-testid=evidence] a").textContent()).toContain("交付记录.txt");
    await live(claimant);

    // The respondent answers; the claimant's page shows it without a reload.
    const respondent = await signedInPage(site.browser, site.baseUrl, RESPONDENT, DEMO_PASSWORD, { viewport: PHONE });
    await respondent.goto(disputePath);
    await expect.poll(() => respondent.locator("[data-testid=evidence] a").getAttribute("href")).toMatch(/^\/evidence\/[0-9a-f-]{36}$/);
    await live(respondent);
    violations.push(...(await axeViolations(respondent)));
    await respondent.fill("[data-testid=form-answer] textarea[name=body]", "车牌字段按隐私要求做了脱敏，已在第二批交付中以哈希值提供。");
    await respondent.click("[data-testid=form-answer] button[type=submit]");
    await claimant.locator("[data-testid=timeline-entry][data-kind=answer]").waitFor();
    await expect.poll(() => statusOf(claimant)).toBe("answered");
    expect(await claimant.locator("[data-testid=live-updated]").count()).toBe(1);

    // The secretariat assigns the dispute-resolution provider; both parties' pages follow.
    const staff = await signedInPage(site.browser, site.baseUrl, SECRETARIAT_EMAIL, DEMO_PASSWORD, { viewport: DESKTOP });
    await staff.goto("/disputes");
    await staff.locator("[data-testid=awaiting-mediator] a", { hasText: "集卡轨迹数据缺少车牌字段" }).click();
    await staff.waitForURL(`**${disputePath}`);
    violations.push(...(await axeViolations(staff)));
    await staff.selectOption("[data-testid=form-assign] select[name=mediator]", { label: "信衡数据合规服务有限公司" });
    await staff.click("[data-testid=form-assign] button[type=submit]");
    await expect.poll(() => statusOf(staff)).toBe("mediating");
    await expect.poll(() => statusOf(claimant)).toBe("mediating");
    await expect.poll(() => statusOf(respondent)).toBe("mediating");
    await expect.poll(() => respondent.locator("[data-testid=dispute-mediator]").textContent()).toBe("信衡数据合规服务有限公司");

    // The mediator records the outcome with a reason; both parties see it live.
    const mediator = await signedInPage(site.browser, site.baseUrl, MEDIATOR, DEMO_PASSWORD, { viewport: DESKTOP });
    await mediator.goto("/disputes");
    await mediator.locator("[data-testid=disputes] a", { hasText: "集卡轨迹数据缺少车牌字段" }).click();
    await mediator.waitForURL(`**${disputePath}`);
    await mediator.fill("[data-testid=form-note] textarea[name=body]", "双方同意以哈希车牌字段替代明文。");
    await mediator.click("[data-testid=form-note] button[type=submit]");
    await claimant.locator("[data-testid=timeline-entry][data-kind=note]").waitFor();
    await mediator.selectOption("[data-testid=form-decide] select[name=outcome]", "settled");
    await mediator.fill("[data-testid=form-decide] textarea[name=reason]", "双方和解：乙方补交哈希车牌字段并提高更新频率。");
    await mediator.click("[data-testid=form-decide] button[type=submit]");
    for (const page of [claimant, respondent]) {
      await page.locator("[data-testid=dispute-outcome]").waitFor();
      await expect.poll(() => page.locator("[data-testid=dispute-outcome]").textContent()).toContain("乙方补交哈希车牌字段");
      expect(await statusOf(page)).toBe("settled");
      expect(await page.locator("[data-testid=form-statement]").count()).toBe(0);
    }
    violations.push(...(await axeViolations(claimant)));
    expect(violations).toEqual([]);
    // The claimant heard of each step in the notification centre, in Chinese.
    await claimant.goto("/notifications");
    await expect.poll(() => claimant.locator("main").textContent()).toContain("争议“集卡轨迹数据缺少车牌字段”已有处理结果：和解");

    for (const p of [claimant, respondent, staff, mediator]) await p.context().close();
    // Four people's pages, four axe runs: room for a busy two-core machine.
  }, 240_000);
});
