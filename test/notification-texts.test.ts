import { describe, expect, it } from "vitest";
import { storeNotifications } from "../app/models/core/notifications.server";
import { reviewListing, createListing } from "../app/models/marketplace/listings.server";
import { appOnFreshDb } from "./helpers/app";
import { PASSWORD, makeApprovedOrg, makeUser } from "./helpers/fixtures";
import { listingInput } from "./helpers/listings";

describe("notifications say what changed", () => {
  const t = appOnFreshDb();

  it("a listing approved or sent back says so, with its title, in each language; a scenario names its new stage", async () => {
    const staff = await (await makeUser(t.db, { role: "secretariat" })).actor();
    const { owner } = await makeApprovedOrg(t.db, staff);
    const approved = await createListing(t.db, await owner.actor(), listingInput({ title: "广州交通流量数据集", titleEn: "Guangzhou traffic flow dataset" }), {
      submit: true,
    });
    await reviewListing(t.db, staff, approved, { decision: "approve", reason: null });
    const returned = await createListing(t.db, await owner.actor(), listingInput({ title: "企业用电数据" }), { submit: true });
    await reviewListing(t.db, staff, returned, { decision: "return", reason: "请补充数据来源说明" });
    await storeNotifications(t.db, [owner.id], "scenario.stage", {
      scenarioId: "6f1c1f3e-2a55-4d5e-9f0f-555555555555",
      title: "普惠金融信用评估",
      titleEn: "Inclusive finance credit scoring",
      stage: "pilot",
      reason: "",
    });

    const en = t.app.client("en");
    await en.signIn(owner.email, PASSWORD);
    const english = await (await en.get("/notifications")).text();
    expect(english).toContain("Your listing “Guangzhou traffic flow dataset” was approved and published");
    expect(english).toContain("Your listing “企业用电数据” was sent back for changes: 请补充数据来源说明");
    expect(english).toContain("“Inclusive finance credit scoring” moved to the Pilot stage");
    expect(english).not.toMatch(/changed status|a new stage/);

    const zh = t.app.client("zh-Hans");
    await zh.signIn(owner.email, PASSWORD);
    const chinese = await (await zh.get("/notifications")).text();
    expect(chinese).toContain("你的供需「广州交通流量数据集」已通过审核并发布");
    expect(chinese).toContain("应用场景「普惠金融信用评估」进入试点阶段");
    expect(chinese).not.toMatch(/状态更新|进入新阶段/);

    const hant = t.app.client("zh-Hant");
    await hant.signIn(owner.email, PASSWORD);
    expect(await (await hant.get("/notifications")).text()).toContain("已通過審核並發布");
  });

  it("read and unread rows look different and say which they are to screen readers", async () => {
    const me = await makeUser(t.db);
    await storeNotifications(t.db, [me.id], "group.join_accepted", {
      groupId: "6f1c1f3e-2a55-4d5e-9f0f-333333333333",
      name: "第一个工作组",
      nameEn: "First WG",
    });
    await storeNotifications(t.db, [me.id], "group.join_accepted", {
      groupId: "6f1c1f3e-2a55-4d5e-9f0f-333333333334",
      name: "第二个工作组",
      nameEn: "Second WG",
    });
    const c = t.app.client("en");
    await c.signIn(me.email, PASSWORD);
    const data = (await (await c.get("/notifications?_data=routes%2Fnotifications")).json()) as { items: { id: string; payload: { name: string } }[] };
    const first = data.items.find((n) => n.payload.name === "第一个工作组")!;
    expect((await c.postData("/notifications", { intent: "read", id: first.id })).status).toBe(200);
    const html = await (await c.get("/notifications")).text();
    const rows = [...html.matchAll(/<li class="notice (read|unread)"[^>]*>([\s\S]*?)<\/li>/g)].map((m) => ({ state: m[1], body: m[2] }));
    const read = rows.find((r) => r.body.includes("First WG"))!;
    const unread = rows.find((r) => r.body.includes("Second WG"))!;
    expect(read.state).toBe("read");
    expect(unread.state).toBe("unread");
    expect(read.body).toContain('<span class="sr-only">Read: </span>');
    expect(unread.body).toContain('<span class="sr-only">Unread: </span>');
  });
});
