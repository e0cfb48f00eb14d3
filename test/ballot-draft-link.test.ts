import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../db/seed/index";
import { demoAppForSuite } from "./helpers/demo";

/** A ballot says which draft it votes on and leads to it. */
describe("ballot page", () => {
  const site = demoAppForSuite();

  it("links the draft the ballot votes on", async () => {
    const ballot = await site().db.selectFrom("ballots").select(["draft_id"]).where("id", "=", site().ids.openBallot).executeTakeFirstOrThrow();
    expect(ballot.draft_id).toBeTruthy();
    const client = site().app.client();
    await client.signIn("gdri@yaosu.demo", DEMO_PASSWORD);
    const html = await (await client.get(`/groups/${site().ids.group}/ballots/${site().ids.openBallot}`)).text();
    const line = html.slice(html.indexOf('data-testid="ballot-draft"'), html.indexOf("</p>", html.indexOf('data-testid="ballot-draft"')));
    expect(line).toContain(`href="/groups/${site().ids.group}/drafts/${ballot.draft_id}"`);
    expect((await client.get(`/groups/${site().ids.group}/drafts/${ballot.draft_id}`)).status).toBe(200);
  });
});
