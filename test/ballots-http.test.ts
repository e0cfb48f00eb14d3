import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import { utcToLocal } from "../app/models/standards/collab-schema";
import { dbForSuite } from "./helpers/db";
import { startTestApp } from "./helpers/app";
import { PASSWORD } from "./helpers/fixtures";
import { makeGroup, type Person } from "./helpers/collab";

describe("ballot pages", () => {
  const t = dbForSuite();
  let db: Db;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let groupId: string;
  let convenor: Person;
  let member: Person;
  let observer: Person;
  beforeAll(async () => {
    db = t.db;
    const g = await makeGroup(db, ["member", "observer"]);
    ({ groupId, convenor } = g);
    [member, observer] = g.members;
    app = await startTestApp(db);
  });
  afterAll(async () => {
    await app.close();
  });

  it("the convenor opens a ballot from the form; a member votes; an observer is refused in their language", async () => {
    const c = app.client();
    await c.signIn(convenor.email, PASSWORD);
    const bad = await c.post(`/groups/${groupId}/ballots?index&_data=${encodeURIComponent("routes/groups.$id.ballots._index")}`, {
      intent: "create",
      title: "报批",
      closesAt: "2020-01-01T10:00",
    });
    expect(bad.status).toBe(400);
    const created = await c.post(`/groups/${groupId}/ballots?index`, {
      intent: "create",
      title: "送审稿报批",
      draftRef: "指南 送审稿",
      closesAt: utcToLocal(new Date(Date.now() + 86_400_000), "Asia/Shanghai"),
      timeZone: "Asia/Shanghai",
      quorum: "2/3",
      approval: "2/3",
    });
    expect(created.status).toBe(302);
    const path = created.headers.get("location")!;
    expect(path).toMatch(new RegExp(`^/groups/${groupId}/ballots/[0-9a-f-]{36}$`));
    const routeId = encodeURIComponent("routes/groups.$id.ballots.$ballotId");

    const m = app.client();
    await m.signIn(member.email, PASSWORD);
    const voted = await m.post(`${path}?_data=${routeId}`, { intent: "vote", choice: "yes", comment: "同意" });
    expect(voted.status).toBe(200);
    const page = await m.get(path);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("送审稿报批");
    // The page says how far the vote has come: votes cast of those who may vote (convenor and member; not the observer).
    expect(html).toContain("2 名有表决权的成员中已有 1 人投票");
    // Voting from the page (no script) answers with a confirmation of what was recorded.
    const again = await m.post(path, { intent: "vote", choice: "no", comment: "再议" });
    expect(again.status).toBe(200);
    expect(await again.text()).toContain("您的投票已记录：反对");

    const o = app.client("en");
    await o.signIn(observer.email, PASSWORD);
    const refused = await o.post(`${path}?_data=${routeId}`, { intent: "vote", choice: "yes" });
    expect(refused.status).toBe(403);
    const reply = (await refused.json()) as { status: string; error: Record<string, string[]> };
    expect(reply.error[""]).toEqual(["Only convenors, editors and members vote"]);

    const outsider = app.client();
    expect((await outsider.get(path)).status).toBe(302); // to sign in
  });
});
