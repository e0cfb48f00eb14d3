import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import type { Actor } from "../app/models/core/permissions";
import { INTRO_DAILY_LIMIT, answerIntroduction, listIntroductions, requestIntroduction } from "../app/models/directory/introductions.server";
import { getInvestorProfile, updateInvestorProfile } from "../app/models/directory/investors.server";
import { listWatchlist, unwatch, watch, watchState } from "../app/models/directory/watchlist.server";
import { investorProfileSchema } from "../app/models/directory/profile-schema";
import { dbForSuite } from "./helpers/db";
import { recordingRealtime } from "./helpers/realtime";
import { auditRows, makeApprovedOrg, makeUser } from "./helpers/fixtures";

describe("investors: watchlist and introductions", () => {
  const t = dbForSuite();
  let db: Db;
  let staff: Actor;
  let inv: Actor;
  let inv2: Actor;
  let ent: Actor;
  let entOrg: string;
  let entMember: Actor;
  let other: Actor;
  let otherOrg: string;
  beforeAll(async () => {
    db = t.db;
    staff = await (await makeUser(db, { role: "secretariat" })).actor();
    inv = await (await makeApprovedOrg(db, staff, { type: "investor", contactName: "投资人甲", contactEmail: "vc@example.test" })).owner.actor();
    inv2 = await (await makeApprovedOrg(db, staff, { type: "investor" })).owner.actor();
    const e = await makeApprovedOrg(db, staff, {
      type: "enterprise",
      contactName: "企业联系人",
      contactEmail: "ceo@example.test",
      contactPhone: "+86 20 1234 5678",
    });
    entOrg = e.orgId;
    ent = await e.owner.actor();
    const m = await makeUser(db);
    await db.insertInto("org_members").values({ org_id: entOrg, user_id: m.id, role: "member" }).execute();
    entMember = await m.actor();
    const o = await makeApprovedOrg(db, staff, { type: "service_provider" });
    otherOrg = o.orgId;
    other = await o.owner.actor();
  });

  it("an investor keeps a private watchlist with notes", async () => {
    await watch(db, inv, entOrg, "团队扎实，B 轮关注");
    await watch(db, inv, entOrg, "更新后的备注");
    expect((await listWatchlist(db, inv)).map((w) => [w.orgId, w.note])).toEqual([[entOrg, "更新后的备注"]]);
    expect(await watchState(db, inv, entOrg)).toEqual({ watching: true, note: "更新后的备注" });
    // Another investor's list is its own; non-investors have none and cannot read one.
    expect(await listWatchlist(db, inv2)).toEqual([]);
    expect(await watchState(db, inv2, entOrg)).toEqual({ watching: false, note: null });
    expect(await watchState(db, ent, entOrg)).toBeNull();
    await expect(listWatchlist(db, ent)).rejects.toMatchObject({ status: 403 });
    await expect(watch(db, ent, otherOrg, "x")).rejects.toMatchObject({ status: 403 });
    // Only enterprises and providers can be watched.
    await expect(watch(db, inv, inv2.org!.id, null)).rejects.toMatchObject({ status: 404 });
    await watch(db, inv2, otherOrg, null);
    await unwatch(db, inv2, otherOrg);
    await expect(unwatch(db, inv2, otherOrg)).rejects.toMatchObject({ status: 404 });
  });

  it("investor profiles: investors edit theirs, members read them, visitors do not", async () => {
    await updateInvestorProfile(
      db,
      inv,
      investorProfileSchema.parse({ focusSectors: ["transport"], stages: ["series_a"], ticketMin: "500", ticketMax: "3000", regions: ["gba"] }),
    );
    const seen = await getInvestorProfile(db, ent, inv.org!.id);
    expect(seen).toMatchObject({ focusSectors: ["transport"], stages: ["series_a"], ticketMin: 500, ticketMax: 3000, regions: ["gba"] });
    await expect(getInvestorProfile(db, null, inv.org!.id)).rejects.toMatchObject({ status: 403 });
    await expect(updateInvestorProfile(db, ent, investorProfileSchema.parse({ focusSectors: ["transport"], stages: ["seed"] }))).rejects.toMatchObject({
      status: 403,
    });
    expect(investorProfileSchema.safeParse({ focusSectors: [], stages: ["seed"], ticketMin: "9", ticketMax: "1" }).success).toBe(false);
  });

  it("request -> accept: both sides are notified live and see each other's contacts only after the accept", async () => {
    const live = recordingRealtime();
    const id = await requestIntroduction(db, inv, entOrg, "您好，我们希望了解贵司的融资计划。", live.realtime);
    // The enterprise's managers are told (not its plain members).
    const requested = await db.selectFrom("notifications").select(["user_id", "kind", "payload"]).where("kind", "=", "intro.requested").execute();
    expect(requested.map((n) => n.user_id)).toEqual([ent.id]);
    expect(live.sent.map((s) => [s.userId, s.data.kind])).toEqual([[ent.id, "intro.requested"]]);

    const before = await listIntroductions(db, inv);
    expect(before.outgoing[0]).toMatchObject({ id, status: "pending", contact: null });
    expect((await listIntroductions(db, ent)).incoming[0]).toMatchObject({ id, contact: null, canAnswer: true });
    expect((await listIntroductions(db, entMember)).incoming[0]).toMatchObject({ id, canAnswer: false });

    // Only the enterprise's managers answer; the investor and outsiders cannot.
    await expect(answerIntroduction(db, inv, id, "accept", null)).rejects.toMatchObject({ status: 403 });
    await expect(answerIntroduction(db, entMember, id, "accept", null)).rejects.toMatchObject({ status: 403 });
    await expect(answerIntroduction(db, other, id, "accept", null)).rejects.toMatchObject({ status: 404 });

    const answered = recordingRealtime();
    expect(await answerIntroduction(db, ent, id, "accept", "欢迎来访", answered.realtime)).toBe("accepted");
    await expect(answerIntroduction(db, ent, id, "decline", null)).rejects.toMatchObject({ status: 409 });
    const accepted = await db.selectFrom("notifications").select("user_id").where("kind", "=", "intro.accepted").execute();
    expect(accepted.map((n) => n.user_id)).toEqual([inv.id]);
    expect(answered.sent.map((s) => s.userId)).toEqual([inv.id]);

    const out = (await listIntroductions(db, inv)).outgoing[0];
    expect(out.contact).toEqual({ name: "企业联系人", email: "ceo@example.test", phone: "+86 20 1234 5678" });
    const inc = (await listIntroductions(db, ent)).incoming[0];
    expect(inc.contact).toMatchObject({ name: "投资人甲", email: "vc@example.test" });
    expect(inc.responseNote ?? out.responseNote).toBe("欢迎来访");
    expect((await auditRows(db, id)).map((r) => r.action)).toEqual(["introduction.requested", "introduction.accepted"]);
    // An outsider sees none of it.
    expect(await listIntroductions(db, other)).toEqual({ incoming: [], outgoing: [] });
  });

  it("a declined request reveals no contacts, and only one open request per pair (409)", async () => {
    const id = await requestIntroduction(db, inv2, entOrg, "第二家投资机构的对接请求。");
    await expect(requestIntroduction(db, inv2, entOrg, "重复的对接请求内容。")).rejects.toMatchObject({ status: 409, messageKey: "profiles.errors.introOpen" });
    expect(await answerIntroduction(db, ent, id, "decline", null)).toBe("declined");
    expect((await listIntroductions(db, inv2)).outgoing[0]).toMatchObject({ status: "declined", contact: null });
    expect(await db.selectFrom("notifications").select("user_id").where("kind", "=", "intro.declined").execute()).toEqual([{ user_id: inv2.id }]);
    // Once answered, a new request may be made.
    await expect(requestIntroduction(db, inv2, entOrg, "再次请求，情况有了变化。")).resolves.toBeTypeOf("string");
  });

  it("only investors request, and an investor organisation is limited per day (429)", async () => {
    await expect(requestIntroduction(db, ent, otherOrg, "企业不能发起投资对接请求。")).rejects.toMatchObject({
      status: 403,
      messageKey: "profiles.errors.investorsOnly",
    });
    await expect(requestIntroduction(db, null, otherOrg, "匿名用户不能发起请求。")).rejects.toMatchObject({ status: 403 });
    await expect(requestIntroduction(db, inv, inv2.org!.id, "投资机构之间不能请求。")).rejects.toMatchObject({ status: 404 });
    const limited = await (await makeApprovedOrg(db, staff, { type: "investor" })).owner.actor();
    const targets: string[] = [];
    for (let i = 0; i < INTRO_DAILY_LIMIT + 1; i++) targets.push((await makeApprovedOrg(db, staff, { type: "enterprise" })).orgId);
    for (const target of targets.slice(0, INTRO_DAILY_LIMIT)) await requestIntroduction(db, limited, target, "批量对接请求测试内容。");
    await expect(requestIntroduction(db, limited, targets[INTRO_DAILY_LIMIT], "超出每日上限的请求。")).rejects.toMatchObject({
      status: 429,
      messageKey: "profiles.errors.introLimit",
    });
    // A day later the window has moved on.
    await db
      .updateTable("introductions")
      .set({ created_at: sql`now() - interval '25 hours'` })
      .where("investor_org_id", "=", limited.org!.id)
      .execute();
    await expect(requestIntroduction(db, limited, targets[INTRO_DAILY_LIMIT], "第二天的请求可以发送。")).resolves.toBeTypeOf("string");
  });
});
