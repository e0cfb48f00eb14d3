import { describe, expect, it } from "vitest";
import { reasonsForReader } from "../app/models/marketplace/matching.server";

/** The words two listings share are shown in the reader's script or language, the rest of a reason unchanged. */
describe("match reasons for their reader", () => {
  const items = [
    {
      id: "m1",
      reasons: [
        { code: "terms" as const, terms: ["集装箱", "冷链", "吞吐量预测"] },
        { code: "sector" as const, sectors: ["logistics"] },
      ],
    },
  ];

  it("Simplified readers see the words as stored", () => {
    expect(reasonsForReader(items, "zh-Hans")).toBe(items);
  });

  it("Traditional readers see Traditional characters", () => {
    const [m] = reasonsForReader(items, "zh-Hant");
    expect(m.reasons[0]).toEqual({ code: "terms", terms: ["集裝箱", "冷鏈", "吞吐量預測"] });
    expect(m.reasons[1]).toEqual(items[0].reasons[1]);
  });

  it("English readers see the glossary's English where it has one, the word itself where not", () => {
    const [m] = reasonsForReader(items, "en");
    const terms = (m.reasons[0] as { terms: string[] }).terms;
    expect(terms[0]).toBe("container");
    expect(terms[1]).toBe("cold chain");
    expect(terms[2]).toBe("吞吐量预测");
  });
});

describe("a reason's numbers read as the reader counts", () => {
  it("English says 'within a day' and 'within 3 days', Chinese the number of days", async () => {
    const { getT } = await import("../app/i18n");
    expect(getT("en")("listings.reasons.fresh", { count: 1 })).toBe("Published within a day");
    expect(getT("en")("listings.reasons.fresh", { count: 3 })).toBe("Published within 3 days");
    expect(getT("zh-Hans")("listings.reasons.fresh", { count: 1 })).toBe("1 天内发布");
  });
});
