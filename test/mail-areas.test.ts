import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../db/seed/index";
import { queueNotificationMail } from "../app/models/accounts/notification-mail.server";
import { storeNotifications } from "../app/models/core/notifications.server";
import { demoAppForSuite } from "./helpers/demo";

/** A member chooses which areas of notifications reach them by e-mail; the inbox keeps them all. */
describe("e-mail preferences per area", () => {
  const site = demoAppForSuite();
  const EMAIL = "gdri@yaosu.demo";

  it("unticked areas are not mailed, now or later, and stay in the inbox", async () => {
    const { db, app } = site();
    const member = app.client("en");
    await member.signIn(EMAIL, DEMO_PASSWORD);
    const page = await (await member.get("/account/notifications")).text();
    expect(page).toContain('data-testid="mail-areas"');
    expect(page).toContain("E-mail me about");

    // Everything but matches.
    const form = new URLSearchParams([
      ["cadence", "immediately"],
      ...["listing", "intro", "scenario", "draft", "group", "organisation", "invitation"].map((a) => ["areas", a]),
    ]);
    const saved = await member.request("/account/notifications", {
      method: "POST",
      body: form,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(saved.status).toBe(200);
    const user = await db.selectFrom("users").select(["id", "mail_muted_areas", "notification_email"]).where("email", "=", EMAIL).executeTakeFirstOrThrow();
    expect(user).toMatchObject({ mail_muted_areas: ["match"], notification_email: "immediately" });
    expect(await (await member.get("/account/notifications")).text()).toMatch(/value="match"(?![^>]*checked)/);

    await db.updateTable("notifications").set({ read_at: new Date() }).where("user_id", "=", user.id).execute();
    await storeNotifications(db, [user.id], "match.new", {
      listingId: "6f1c1f3e-2a55-4d5e-9f0f-111111111111",
      title: "港口吞吐量",
      yourListingId: "6f1c1f3e-2a55-4d5e-9f0f-222222222222",
      yourTitle: "我的需求",
      score: 81,
    });
    await storeNotifications(db, [user.id], "group.join_accepted", { groupId: "6f1c1f3e-2a55-4d5e-9f0f-333333333333", name: "数据资产评估标准工作组" });
    await queueNotificationMail(db, "immediately", "http://yaosu.test");
    const mails = await db.selectFrom("mail_outbox").select("text_body").where("to_email", "=", EMAIL).where("kind", "like", "notification%").execute();
    expect(mails).toHaveLength(1);
    expect(mails[0].text_body).toContain("数据资产评估标准工作组");
    expect(mails[0].text_body).not.toContain("港口吞吐量");

    // Ticking matches again does not send the old one late; the inbox has both.
    await db.updateTable("users").set({ mail_muted_areas: [] }).where("id", "=", user.id).execute();
    await queueNotificationMail(db, "immediately", "http://yaosu.test");
    expect(await db.selectFrom("mail_outbox").select("id").where("to_email", "=", EMAIL).where("kind", "like", "notification%").execute()).toHaveLength(1);
    expect(await db.selectFrom("notifications").select("kind").where("user_id", "=", user.id).where("read_at", "is", null).execute()).toHaveLength(2);
  });

  it("an unknown area is a 400 with a message, and nothing changes", async () => {
    const member = site().app.client();
    await member.signIn(EMAIL, DEMO_PASSWORD);
    const before = await site().db.selectFrom("users").select("mail_muted_areas").where("email", "=", EMAIL).executeTakeFirstOrThrow();
    const res = await member.request("/account/notifications", {
      method: "POST",
      body: new URLSearchParams([
        ["cadence", "daily"],
        ["areas", "everything"],
      ]),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(400);
    expect(await site().db.selectFrom("users").select("mail_muted_areas").where("email", "=", EMAIL).executeTakeFirstOrThrow()).toEqual(before);
  });
});
