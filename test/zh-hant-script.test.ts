import * as OpenCC from "opencc-js";
import { describe, expect, it } from "vitest";
import { catalogs } from "../app/i18n";

function strings(node: unknown, prefix = ""): [string, string][] {
  if (typeof node === "string") return [[prefix, node]];
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => strings(v, prefix ? `${prefix}.${k}` : k));
}

// Characters OpenCC would change that are already right in Traditional in the words we use:
// 平台 (platform), 批准 (approve), 里程碑 (milestone).
const TRADITIONAL_TOO = new Set(["台", "准", "里"]);

describe("the Traditional catalogue", () => {
  it("has no Simplified-only character (成員用户 was one)", () => {
    const toTraditional = OpenCC.Converter({ from: "cn", to: "tw" });
    const toSimplified = OpenCC.Converter({ from: "tw", to: "cn" });
    const simplifiedOnly: string[] = [];
    for (const [key, text] of strings(catalogs["zh-Hant"]))
      for (const ch of text)
        if (/\p{Script=Han}/u.test(ch) && !TRADITIONAL_TOO.has(ch) && toSimplified(ch) === ch && toTraditional(ch) !== ch)
          simplifiedOnly.push(`${key}: ${ch} → ${toTraditional(ch)}`);
    expect(simplifiedOnly).toEqual([]);
  });
});
