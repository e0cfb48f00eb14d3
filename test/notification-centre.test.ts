import { describe, expect, it } from "vitest";
import { storeNotifications } from "../app/models/core/notifications.server";
import { appOnFreshDb } from "./helpers/app";
import { PASSWORD, makeUser } from "./helpers/fixtures";

describe("the notification centre", () => {
  const t = appOnFreshDb();

  const page = async (c: ReturnType<typeof t.app.client>, query = "") => {
    const res = await c.get(`/notifications${query}${query ? "&" : "?"}_data=routes%2Fnotifications`);
    expect(res.status).toBe(200);
    return (await res.json()) as { total: number; items: { id: string; kind: string; read_at: string | null }[] };
  };

  it("lists every notification, filters by unread and area, marks one or all read, and only the owner's", async () => {
    const me = await makeUser(t.db);
    const other = await makeUser(t.db);
    for (let i = 0; i < 35; i++)
      await storeNotifications(t.db, [me.id], "match.new", {
        title: `供给${i}`,
        yourTitle: "需求",
        score: 70,
        yourListingId: "6f1c1f3e-2a55-4d5e-9f0f-222222222222",
      });
    await storeNotifications(t.db, [me.id], "draft.stage", { code: "T/X 1", title: "草案", stage: "public_comment" });
    const [theirs] = await storeNotifications(t.db, [other.id], "match.new", { title: "别人的", yourTitle: "x", score: 60 });
    const c = t.app.client("en");
    await c.signIn(me.email, PASSWORD);

    const all = await page(c);
    expect(all.total).toBe(36);
    expect(all.items).toHaveLength(30); // a page; the rest on page 2
    expect((await page(c, "?page=2")).items).toHaveLength(6);
    expect((await page(c, "?area=draft")).items.map((n) => n.kind)).toEqual(["draft.stage"]);

    const first = all.items[0];
    expect((await c.postData("/notifications", { intent: "read", id: first.id })).body).toEqual({ ok: true });
    expect((await page(c, "?unread=1")).total).toBe(35);
    // Someone else's id changes nothing.
    await c.postData("/notifications", { intent: "read", id: theirs.id });
    expect((await t.db.selectFrom("notifications").select("read_at").where("id", "=", theirs.id).executeTakeFirstOrThrow()).read_at).toBeNull();
    expect((await c.postData("/notifications", { intent: "read", id: "not-a-number" })).status).toBe(400);

    await c.postData("/notifications", { intent: "read_all" });
    expect((await page(c, "?unread=1")).total).toBe(0);
    const html = await (await c.get("/notifications?unread=1")).text();
    expect(html).toContain("No unread notifications.");
    expect(html).toContain('href="/notifications"'); // the bell leads here
  });

  it("a visitor is sent to sign in", async () => {
    const res = await t.app.client().get("/notifications");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login/);
  });

  it("says names in the reader's language where the thing has an English one", async () => {
    const me = await makeUser(t.db);
    const groupId = "6f1c1f3e-2a55-4d5e-9f0f-333333333333";
    const meetingId = "6f1c1f3e-2a55-4d5e-9f0f-444444444444";
    await storeNotifications(t.db, [me.id], "group.meeting_called", {
      groupId,
      meetingId,
      name: "数据资产工作组",
      nameEn: "Data Assets WG",
      title: "第一次会议",
    });
    await storeNotifications(t.db, [me.id], "group.join_accepted", { groupId, name: "只有中文名的工作组", nameEn: null });
    const english = t.app.client("en");
    await english.signIn(me.email, PASSWORD);
    const html = await (await english.get("/notifications")).text();
    expect(html).toContain("Data Assets WG called a meeting: 第一次会议");
    expect(html).toContain(`href="/groups/${groupId}/meetings/${meetingId}"`);
    expect(html).toContain("只有中文名的工作组");
    const chinese = t.app.client("zh-Hans");
    await chinese.signIn(me.email, PASSWORD);
    expect(await (await chinese.get("/notifications")).text()).toContain("工作组「数据资产工作组」召开会议「第一次会议」");
  });
});
