import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD, SECRETARIAT_EMAIL } from "../db/seed/index";
import { loadActor } from "../app/models/accounts/auth.server";
import { changeListingStatus, reviewListing } from "../app/models/marketplace/listings.server";
import { demoAppForSuite } from "./helpers/demo";

/** The review screen shows what its checklist asks about, so the secretariat never ticks blind. */
describe("listing review screen", () => {
  const site = demoAppForSuite();

  it("shows the declaration, the contact, the fields, the rendered description and the organisation's record", async () => {
    const pending = await site()
      .db.selectFrom("listings")
      .select(["id", "org_id", "contact_email", "compliance", "description"])
      .where("status", "=", "pending_review")
      .execute();
    expect(pending.length).toBeGreaterThan(0);
    // One listing of that organisation goes back once, so the record has something to count.
    const staff = await site().actorOf(SECRETARIAT_EMAIL);
    const target = pending[0];
    await reviewListing(site().db, staff, target.id, { decision: "return", reason: "请补充样例数据说明" });
    const owner = (
      await site().db.selectFrom("org_members").select("user_id").where("org_id", "=", target.org_id).where("role", "=", "owner").executeTakeFirstOrThrow()
    ).user_id;
    await changeListingStatus(site().db, (await loadActor(site().db, owner))!, target.id, "pending_review");

    const client = site().app.client();
    await client.signIn(SECRETARIAT_EMAIL, DEMO_PASSWORD);
    const html = await (await client.get("/admin/listings")).text();
    const card = html.slice(html.indexOf(`/listings/${target.id}`), html.indexOf("</article>", html.indexOf(`/listings/${target.id}`)));
    expect(card).toContain(target.contact_email);
    const compliance = target.compliance as { legalBasis?: string; declaration?: string };
    if (compliance.declaration) expect(card).toContain(compliance.declaration);
    if (compliance.legalBasis) expect(card).toContain(compliance.legalBasis);
    expect(card).toMatch(/class="markdown review-description"[^>]*><p>/); // rendered, not raw Markdown
    expect(card).toContain("审核退回 1 次");
    expect(card).toMatch(/入盟/);
    expect(card).toContain('name="check_compliance"');
  });

  it("says what a decision did, and the secretariat's dashboard offers its tools, not an application form", async () => {
    const client = site().app.client();
    await client.signIn(SECRETARIAT_EMAIL, DEMO_PASSWORD);
    const home = await (await client.get("/home")).text();
    expect(home).toContain('data-testid="staff-tools"');
    expect(home).not.toContain("代表单位申请入盟");

    const listing = await site().db.selectFrom("listings").select(["id", "title"]).where("status", "=", "pending_review").executeTakeFirstOrThrow();
    const checks = Object.fromEntries(["scenario", "compliance", "grade", "contact"].map((c) => [`check_${c}`, "on"]));
    // The server holds the same rule as the form: approval with an item unticked is refused and changes nothing.
    const halfTicked = await client.post("/admin/listings", { listingId: listing.id, decision: "approve", reason: "", check_scenario: "on" });
    expect(halfTicked.status).toBe(400);
    expect(await halfTicked.text()).toContain("请先勾选全部审核项");
    const still = await site().db.selectFrom("listings").select("status").where("id", "=", listing.id).executeTakeFirstOrThrow();
    expect(still.status).toBe("pending_review");
    const published = await (await client.post("/admin/listings", { listingId: listing.id, decision: "approve", reason: "", ...checks })).text();
    expect(published).toContain(`已发布「${listing.title}」`);

    const application = await site().db.selectFrom("organisations").select(["id", "name_zh"]).where("status", "=", "pending").executeTakeFirstOrThrow();
    const approved = await (await client.post("/admin/review", { orgId: application.id, decision: "approve", reason: "" })).text();
    expect(approved).toContain(`已批准「${application.name_zh}」入盟`);
  });
});
