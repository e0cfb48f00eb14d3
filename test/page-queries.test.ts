import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from "kysely";
import { DEMO_PASSWORD, seedDemo } from "../db/seed/index";
import { dbForSuite } from "./helpers/db";
import { startTestApp, type HttpClient } from "./helpers/app";
import { loadActor } from "../app/models/accounts/auth.server";
import { storedMatches } from "../app/models/marketplace/matching.server";
import { expressInterest } from "../app/models/marketplace/deals.server";

/**
 * Counts every statement the app runs through Kysely, raw SQL and transactions included: by results,
 * since a query builder embedded in another statement (a capped count as a column) is transformed
 * too but not run on its own.
 */
class StatementCounter implements KyselyPlugin {
  count = 0;
  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    return node;
  }
  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.count++;
    return result;
  }
}

/**
 * Statements per page view on the demo data. A signed-in page adds one: the session, read with the
 * actor and their unread count. Ceilings are where pages stand now: a loop that queries per row (N+1)
 * or a lost join fails here instead of showing up later as a slow page.
 */
const BUDGETS: [who: "anonymous" | "member", path: string, max: number][] = [
  ["anonymous", "/", 0], // shared figures, computed at most once a minute (first view warms them)
  ["anonymous", "/login", 0],
  ["anonymous", "/listings", 1],
  ["anonymous", "/listings?q=交通数据", 4],
  ["anonymous", "/scenarios", 2],
  ["member", "/home", 4], // the first steps of a new member: one statement (issue 29)
  ["member", "/stats", 1],
  ["member", "/enterprises", 4], // ids, columns and count read apart: cheaper at 10,000 organisations than one windowed query
  ["member", "/listings", 2],
  ["member", "/notifications", 3],
  ["member", "/groups/:group", 3],
  ["member", "/listings/:listing", 5],
  ["member", "/matches/:match", 6], // the thread, filing and ratings, and the deal's disputes (issue 28)
];

const MEMBER = "baiyun-logistics@yaosu.demo";
const t = dbForSuite();
let app: Awaited<ReturnType<typeof startTestApp>>;
const counter = new StatementCounter();
const clients: Partial<Record<"anonymous" | "member", HttpClient>> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  await seedDemo(t.db);
  app = await startTestApp(t.db.withPlugin(counter));
  clients.anonymous = app.client();
  clients.member = app.client();
  await clients.member.signIn(MEMBER, DEMO_PASSWORD);
  ids.group = (await t.db.selectFrom("working_groups").select("id").executeTakeFirstOrThrow()).id;
  ids.listing = (await t.db.selectFrom("listings").select("id").where("status", "=", "published").executeTakeFirstOrThrow()).id;
  // A negotiation the member opens, as from their listing's match list.
  const member = (await loadActor(t.db, (await t.db.selectFrom("users").select("id").where("email", "=", MEMBER).executeTakeFirstOrThrow()).id))!;
  const mine = await t.db.selectFrom("listings").select("id").where("org_id", "=", member.org!.id).where("status", "=", "published").execute();
  for (const l of mine) {
    const [counterpart] = await storedMatches(t.db, l.id);
    if (!counterpart) continue;
    ids.match = await expressInterest(t.db, member, { myListingId: l.id, otherListingId: counterpart.listingId });
    break;
  }
});
afterAll(async () => {
  await app?.close();
});

async function statementsFor(client: HttpClient, path: string) {
  // The first view may fill shared figures.
  await (await client.get(path)).text();
  counter.count = 0;
  const res = await client.get(path);
  expect(res.status, path).toBe(200);
  await res.text();
  return counter.count;
}

describe("statements per page view", () => {
  it.each(BUDGETS)("%s %s: at most %i", async (who, pattern, max) => {
    const path = pattern.replace(/:(\w+)/g, (_, k: string) => ids[k]);
    const n = await statementsFor(clients[who]!, encodeURI(path));
    expect(n, `${path} ran ${n} statements`).toBeLessThanOrEqual(max);
  });

  it("the counter sees what a page runs: signed in, the same page reads the session with its actor too", async () => {
    const anonymous = await statementsFor(clients.anonymous!, "/scenarios");
    expect(await statementsFor(clients.member!, "/scenarios")).toBe(anonymous + 1);
  });
});
