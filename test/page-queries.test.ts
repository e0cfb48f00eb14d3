import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from "kysely";
import { DEMO_PASSWORD, seedDemo } from "../db/seed/index";
import { createTestDb } from "./helpers/db";
import { startTestApp, type HttpClient } from "./helpers/app";

/** Counts every statement the app sends, raw SQL and transactions included. */
class QueryCounter implements KyselyPlugin {
  count = 0;
  sql: string[] = [];
  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    this.count++;
    this.sql.push(JSON.stringify(node).slice(0, 300));
    return node;
  }
  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  }
}

let t: Awaited<ReturnType<typeof createTestDb>>;
let app: Awaited<ReturnType<typeof startTestApp>>;
const counter = new QueryCounter();

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db);
  app = await startTestApp(t.db.withPlugin(counter));
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

async function queriesFor(client: HttpClient, path: string) {
  await client.get(path); // warm: first reads may fill caches
  counter.count = 0;
  counter.sql = [];
  const res = await client.get(path);
  expect(res.status, path).toBe(200);
  await res.text();
  console.log(path, counter.sql.join("\n"));
  return counter.count;
}

describe("queries per page", () => {
  it("prints", async () => {
    const anon = app.client();
    const member = app.client();
    await member.signIn("baiyun-logistics@yaosu.demo", DEMO_PASSWORD);
    const group = (await t.db.selectFrom("working_groups").select("id").executeTakeFirstOrThrow()).id;
    for (const [c, p] of [[anon, "/"], [anon, "/login"], [member, "/home"], [anon, "/listings"], [anon, "/listings?q=%E4%BA%A4%E9%80%9A"], [member, "/stats"], [member, "/enterprises"], [anon, "/scenarios"], [member, `/groups/${group}`], [member, "/listings"]] as const) {
      console.log(p, await queriesFor(c, p));
    }
  });
});
