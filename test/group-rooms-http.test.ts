import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbForSuite } from "./helpers/db";
import { startTestApp } from "./helpers/app";
import { PASSWORD, makeApprovedOrg } from "./helpers/fixtures";
import { makeGroup, type Person } from "./helpers/collab";

/** A group's members-only rooms (ballots, meetings, channel): no tab leads a non-member to a 403, and a 403 shows the way in. */
describe("group rooms for members and for everyone else", () => {
  const t = dbForSuite();
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let groupId: string;
  let member: Person;
  let outsider: { email: string };
  beforeAll(async () => {
    const g = await makeGroup(t.db, ["member"]);
    ({ groupId } = g);
    [member] = g.members;
    outsider = (await makeApprovedOrg(t.db, g.staff)).owner;
    app = await startTestApp(t.db);
  });
  afterAll(async () => {
    await app.close();
  });

  const tabs = (html: string) => ["ballots", "meetings", "channel"].filter((room) => html.includes(`href="/groups/${groupId}/${room}"`));

  it("members see the rooms' tabs; a signed-in non-member and a visitor see only the overview and drafts", async () => {
    const m = app.client();
    await m.signIn(member.email, PASSWORD);
    const o = app.client();
    await o.signIn(outsider.email, PASSWORD);
    for (const path of [`/groups/${groupId}`, `/groups/${groupId}/drafts`]) {
      expect(tabs(await (await m.get(path)).text()), path).toEqual(["ballots", "meetings", "channel"]);
      expect(tabs(await (await o.get(path)).text()), path).toEqual([]);
      expect(tabs(await (await app.client().get(path)).text()), path).toEqual([]);
      expect(await (await o.get(path)).text()).toContain(`href="/groups/${groupId}/drafts"`);
    }
  });

  it("a non-member who opens a room by its address gets a 403 that leads to the group's page to ask to join, in their language", async () => {
    const o = app.client("en");
    await o.signIn(outsider.email, PASSWORD);
    for (const room of ["ballots", "meetings", "channel"]) {
      const res = await o.get(`/groups/${groupId}/${room}`);
      expect(res.status, room).toBe(403);
      const html = await res.text();
      expect(html).toContain("You can ask to join on the group");
      expect(html).toContain(`href="/groups/${groupId}"`);
    }
  });
});
