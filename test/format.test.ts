import { describe, expect, it } from "vitest";
import { formatList, formatWan, formatYuan } from "../app/lib/format";

/** Money and lists written the way each reader writes them. */
describe("locale formatting", () => {
  it("amounts kept in 万元 read as 万元 in Chinese and in CNY on the short scale in English", () => {
    expect(formatWan(860, "zh-Hans")).toBe("860");
    expect(formatWan(860, "en")).toBe("CN¥8.6M");
    expect(formatWan(50, "en")).toBe("CN¥500K");
  });

  it("prices carry the currency sign each language uses", () => {
    expect(formatYuan(12000, "zh-Hans")).toBe("¥12,000");
    expect(formatYuan(12000, "en")).toBe("CN¥12,000");
  });

  it("an amount with 角 or 分 is not rounded to the yuan (1,200,000.5 was shown as ¥1,200,001)", () => {
    expect(formatYuan(1_200_000.5, "zh-Hans")).toBe("¥1,200,000.50");
    expect(formatYuan(1_200_000.5, "en")).toBe("CN¥1,200,000.50");
    expect(formatYuan(99.99, "zh-Hans")).toBe("¥99.99");
  });

  it("lists are joined with 、 in Chinese and with commas and 'and' in English", () => {
    expect(formatList(["交通", "物流", "气象"], "zh-Hans")).toBe("交通、物流和气象");
    expect(formatList(["traffic", "logistics", "weather"], "en")).toBe("traffic, logistics, and weather");
  });
});
