import { describe, expect, it } from "vitest";
import { THRESHOLDS, contradicts, crossBorderReason, routeFor, type Declaration } from "../app/models/crossborder/routes";

/**
 * The rule table of cross-border routes (issue 35), one threshold at a time, at and around its edge.
 * The numbers come from the 2024 Provisions (CBDF arts 5, 7, 8): "以上" includes the number, "不满" excludes it.
 */
const base: Declaration = {
  direction: "to_elsewhere",
  personalInfo: true,
  people: 0,
  sensitivePeople: 0,
  importantData: false,
  researchData: false,
  ciio: false,
  processorInGba: false,
  exemption: null,
  recipientKind: "enterprise",
};
const route = (d: Partial<Declaration>) => routeFor({ ...base, ...d });

describe("cross-border routes: the thresholds of the 2024 Provisions", () => {
  it("the thresholds are the published ones", () => {
    expect(THRESHOLDS).toEqual({ exemptBelow: 100_000, assessmentFrom: 1_000_000, sensitiveAssessmentFrom: 10_000 });
  });

  it.each([
    [0, "exempt", "volume_under"],
    [1, "exempt", "volume_under"],
    [99_999, "exempt", "volume_under"],
    [100_000, "contract_or_certification", "volume_band"],
    [100_001, "contract_or_certification", "volume_band"],
    [999_999, "contract_or_certification", "volume_band"],
    [1_000_000, "security_assessment", "volume_over"],
    [1_000_001, "security_assessment", "volume_over"],
  ])("personal information (not sensitive) of %i people since 1 January -> %s", (people, expected, basis) => {
    const r = route({ people });
    expect(r.route).toBe(expected);
    expect(r.basis).toBe(basis);
    expect(r.needsAssessment).toBe(expected === "security_assessment");
  });

  it.each([
    [1, "contract_or_certification", "sensitive_band"],
    [9_999, "contract_or_certification", "sensitive_band"],
    [10_000, "security_assessment", "sensitive_over"],
    [10_001, "security_assessment", "sensitive_over"],
  ])("sensitive personal information of %i people -> %s (whatever the other count)", (sensitivePeople, expected, basis) => {
    for (const people of [0, 99_999, 500_000]) {
      const r = route({ people, sensitivePeople });
      expect([r.route, r.basis]).toEqual([expected, basis]);
    }
  });

  it("the larger of the two counts decides: 1,000,000 people with 10 sensitive is an assessment", () => {
    expect(route({ people: 1_000_000, sensitivePeople: 10 }).route).toBe("security_assessment");
  });

  it("important data needs the assessment whoever sends it, wherever it goes, exemptions and the GBA contract notwithstanding", () => {
    for (const direction of ["to_hong_kong", "to_macau", "to_elsewhere"] as const) {
      for (const personalInfo of [true, false]) {
        const r = route({ direction, personalInfo, importantData: true, processorInGba: true, exemption: "contract" });
        expect([r.route, r.basis]).toEqual(["security_assessment", "important_data"]);
        expect(r.needsAssessment).toBe(true);
      }
    }
  });

  it("a critical information infrastructure operator sending any personal information needs the assessment, even 1 person", () => {
    expect(route({ ciio: true, people: 1 })).toMatchObject({ route: "security_assessment", basis: "ciio" });
    expect(route({ ciio: true, people: 1, direction: "to_hong_kong", processorInGba: true }).route).toBe("security_assessment");
  });

  it("data without personal information or important data leaves freely (art 3), CIIO or not", () => {
    expect(route({ personalInfo: false, people: 5_000_000 })).toMatchObject({ route: "exempt", basis: "no_personal_info" });
    expect(route({ personalInfo: false, ciio: true }).route).toBe("exempt");
  });

  it.each(["contract", "hr", "emergency", "collected_abroad"] as const)(
    "the %s exemption (arts 4, 5) frees personal information of any volume",
    (exemption) => {
      const r = route({ exemption, people: 2_000_000, sensitivePeople: 50_000, ciio: true });
      expect([r.route, r.basis]).toEqual(["exempt", "exemption"]);
      expect(r.cites[0]).toEqual({ source: "CBDF", article: exemption === "collected_abroad" ? "4" : "5" });
    },
  );

  it("a trade exemption (art 3) cannot carry personal information: the pair is a contradiction", () => {
    expect(contradicts({ exemption: "trade_no_pi", personalInfo: true })).toBe(true);
    expect(contradicts({ exemption: "trade_no_pi", personalInfo: false })).toBe(false);
    expect(contradicts({ exemption: "contract", personalInfo: true })).toBe(false);
  });
});

describe("cross-border routes: the Greater Bay Area standard contract", () => {
  it.each(["to_hong_kong", "to_macau"] as const)(
    "from one of the nine mainland cities %s: the GBA contract, at any volume, with the national route as the alternative",
    (direction) => {
      for (const [people, sensitivePeople, national] of [
        [100_000, 0, "contract_or_certification"],
        [999_999, 9_999, "contract_or_certification"],
        [1_000_000, 0, "security_assessment"],
        [5_000_000, 200_000, "security_assessment"],
      ] as const) {
        const r = route({ direction, processorInGba: true, people, sensitivePeople });
        expect([r.route, r.basis]).toEqual(["gba_standard_contract", "gba"]);
        expect(r.alternatives).toEqual([national]);
        expect(r.needsAssessment).toBe(false);
        expect(r.cites[0].source).toBe(direction === "to_hong_kong" ? "GBA_HK" : "GBA_MO");
        expect(r.steps.recipient).toContain("noOnwardOutsideGba");
      }
    },
  );

  it("below 100,000 people it stays exempt: the GBA contract is not needed", () => {
    expect(route({ direction: "to_hong_kong", processorInGba: true, people: 99_999 }).route).toBe("exempt");
  });

  it("a sender outside the nine cities, or a flow to elsewhere, takes the national route", () => {
    expect(route({ direction: "to_hong_kong", processorInGba: false, people: 100_000 }).route).toBe("contract_or_certification");
    expect(route({ direction: "to_elsewhere", processorInGba: true, people: 100_000 }).route).toBe("contract_or_certification");
    expect(route({ direction: "to_macau", processorInGba: false, people: 1_000_000 }).route).toBe("security_assessment");
  });
});

describe("cross-border routes: no flow and inbound", () => {
  it("no cross-border flow has no steps", () => {
    expect(route({ direction: "none", importantData: true })).toMatchObject({
      route: "no_flow",
      needsAssessment: false,
      steps: { supplier: [], recipient: [] },
    });
  });

  it("data into the mainland follows the sending side's law; the mainland's exit rules do not apply", () => {
    const r = route({ direction: "into_mainland", importantData: true, people: 2_000_000 });
    expect(r.route).toBe("inbound");
    expect(r.needsAssessment).toBe(false);
  });

  it("every route names its sources and gives both sides steps and documents", () => {
    for (const d of [
      { people: 10 },
      { people: 200_000 },
      { people: 2_000_000 },
      { direction: "to_hong_kong", processorInGba: true, people: 200_000 },
      { direction: "into_mainland" },
    ] as Partial<Declaration>[]) {
      const r = route(d);
      expect(r.cites.length, r.route).toBeGreaterThan(0);
      expect(r.steps.supplier.length && r.steps.recipient.length && r.documents.supplier.length && r.documents.recipient.length, r.route).toBeGreaterThan(0);
    }
  });
});

describe("cross-border routes as a match reason", () => {
  it("a supply's outbound route is a reason for a demand in Hong Kong, Macau or overseas, and the assessment an obstacle", () => {
    expect(crossBorderReason("gba_standard_contract", ["hong_kong"])).toEqual({ code: "crossborder", route: "gba_standard_contract", needsAssessment: false });
    expect(crossBorderReason("security_assessment", ["gz_tianhe", "macau"])).toEqual({
      code: "crossborder",
      route: "security_assessment",
      needsAssessment: true,
    });
    expect(crossBorderReason("exempt", [null, "overseas"])?.route).toBe("exempt");
  });

  it("no reason for a mainland demand, a supply without a flow out, or an inbound flow", () => {
    expect(crossBorderReason("gba_standard_contract", ["gz_tianhe", "gba", "mainland"])).toBeNull();
    expect(crossBorderReason(null, ["hong_kong"])).toBeNull();
    expect(crossBorderReason("no_flow", ["hong_kong"])).toBeNull();
    expect(crossBorderReason("inbound", ["hong_kong"])).toBeNull();
  });
});
