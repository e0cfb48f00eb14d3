import { createRequire } from "node:module";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { matchRoutes } from "@remix-run/router";

const require = createRequire(import.meta.url);

/**
 * `npm ci` applies scripts/patches (postinstall): the server's route matching flattens each route
 * tree once, compiles each pattern once, and remembers the matches of recent pathnames. Without it pages still work, only slower, so a lost
 * install step would go unseen without this check.
 */
describe("route matching patch", () => {
  it("is applied to the router the server loads", () => {
    const source = fs.readFileSync(require.resolve("@remix-run/router"), "utf8");
    expect(source).toContain("rankedBranchesCache");
    expect(source).toContain("matchesCache");
  });

  it("hands each caller its own copy of a remembered match", () => {
    const routes = [{ path: "/", children: [{ path: "groups/:id" }] }];
    const first = matchRoutes(routes, "/groups/g1")!;
    (first[1].params as Record<string, string>).id = "changed";
    expect(matchRoutes(routes, "/groups/g1")![1].params).toEqual({ id: "g1" });
  });

  it("still matches as before, the second time from the cache", () => {
    const routes = [{ path: "/", children: [{ path: "groups/:id", children: [{ path: "drafts/:draftId" }] }, { path: "*" }] }];
    for (let i = 0; i < 2; i++) {
      expect(matchRoutes(routes, "/groups/g1/drafts/d2")?.map((m) => m.params)).toEqual([
        { id: "g1", draftId: "d2" },
        { id: "g1", draftId: "d2" },
        { id: "g1", draftId: "d2" },
      ]);
      expect(matchRoutes(routes, "/nowhere")?.at(-1)?.params).toEqual({ "*": "nowhere" });
    }
  });
});
