import { describe, expect, it } from "vitest";
import { snippet } from "../app/models/core/snippet.server";

const text = (parts: { text: string }[]) => parts.map((p) => p.text).join("");

/** Search results quote the text around the first hit, starting and ending on whole words. */
describe("search snippets", () => {
  it("an English snippet starts and ends on whole words, with the hit marked", () => {
    const long =
      "Hourly readings from automatic weather stations across the Pearl River Delta, including rainfall, wind speed and " +
      "typhoon warnings issued by the observatory, with quality flags and station metadata for every record delivered daily.";
    const parts = snippet(long, "typhoon");
    expect(parts.find((p) => p.marked)?.text.toLowerCase()).toBe("typhoon");
    const shown = text(parts).replace(/^…|…$/g, "");
    const words = long.split(/[\s,.]+/);
    const [firstWord, lastWord] = [shown.trim().split(/\s+/)[0], shown.trim().split(/\s+/).at(-1)!.replace(/[,.]$/, "")];
    expect(words).toContain(firstWord.replace(/[,.]$/, ""));
    expect(words).toContain(lastWord);
  });

  it("a listing with no hit shows its opening, cut at a word edge and marked as cut", () => {
    const parts = snippet(
      "Container throughput by berth and hour at Nansha port terminals, updated every fifteen minutes from the terminal operating system.",
      "",
    );
    const shown = text(parts);
    expect(shown.endsWith("…")).toBe(true);
    expect(shown.slice(0, -1).trimEnd()).toMatch(/(?:^|\s)\w+[,.]?$/);
    expect(
      "Container throughput by berth and hour at Nansha port terminals, updated every fifteen minutes from the terminal operating system.".startsWith(
        shown.slice(0, -1).trimEnd(),
      ),
    ).toBe(true);
  });

  it("Chinese text is cut after punctuation when there is some nearby", () => {
    const parts = snippet(
      "接入天河、越秀、海珠三区 800 余个公共停车场的泊位总数、空余泊位与收费标准，分钟级更新，支持停车诱导与导航应用。平台同时提供历史数据回溯与按小时统计的周转率指标。",
      "导航",
    );
    expect(parts.some((p) => p.marked && p.text === "导航")).toBe(true);
  });
});
