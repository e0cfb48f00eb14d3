import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../db/seed/index";
import { startDemoApp } from "./helpers/demo";

/** A ballot says which draft it votes on and leads to it. */
describe("ballot page", () => {
  let demo: Awaited<ReturnType<typeof startDemoApp>>;
  beforeAll(async () => {
    demo = await startDemoApp();
  });
  afterAll(() => demo?.close());

  it("links the draft the ballot votes on", async () => {
    const ballot = await demo.db.selectFrom("ballots").select(["draft_id"]).where("id", "=", demo.ids.openBallot).executeTakeFirstOrThrow();
    expect(ballot.draft_id).toBeTruthy();
    const client = demo.app.client();
    await client.signIn("gdri@yaosu.demo", DEMO_PASSWORD);
    const html = await (await client.get(`/groups/${demo.ids.group}/ballots/${demo.ids.openBallot}`)).text();
    const line = html.slice(html.indexOf('data-testid="ballot-draft"'), html.indexOf("</p>", html.indexOf('data-testid="ballot-draft"')));
    expect(line).toContain(`href="/groups/${demo.ids.group}/drafts/${ballot.draft_id}"`);
    expect((await client.get(`/groups/${demo.ids.group}/drafts/${ballot.draft_id}`)).status).toBe(200);
  });
});
