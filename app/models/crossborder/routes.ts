/**
 * The legal route of a cross-border data flow (issue 35), worked out from what the member declares.
 * A pure rule table: no database, no i18n (the page translates the keys), so every threshold is
 * tested at and around its edge (test/crossborder-routes.test.ts).
 *
 * Guidance, not legal advice: the platform reads the declaration as given, and says so on every page
 * that shows a route. Sources (read for this module; cited in the README, "Cross-border routes"):
 *
 * - PIPL   《中华人民共和国个人信息保护法》(2021) arts 38-40: the three routes out of the mainland
 *          (security assessment, standard contract, certification).
 * - CBDF   《促进和规范数据跨境流动规定》(CAC Order No. 16, in force 22 March 2024):
 *          art 2 important data only when notified or published as such; art 3 data from trade,
 *          transport, academic cooperation, manufacturing and marketing without personal information
 *          or important data is exempt; art 4 personal information collected abroad, processed here and
 *          sent back with nothing domestic added is exempt; art 5 exempt when (1) necessary to make or
 *          perform a contract the individual is party to, (2) cross-border HR under lawful rules and
 *          collective contracts, (3) emergencies protecting life, health and property, (4) a non-CIIO
 *          processor sending, cumulatively since 1 January of the year, personal information of fewer
 *          than 100,000 people (not sensitive); art 7 security assessment when a CIIO sends personal
 *          information or important data, or another processor sends important data, or since
 *          1 January of the year personal information of 1,000,000 people or more (not sensitive) or
 *          sensitive personal information of 10,000 people or more; art 8 standard contract or
 *          certification for a non-CIIO processor sending 100,000 to under 1,000,000 people (not
 *          sensitive) or sensitive personal information of under 10,000 people.
 *          ("以上" includes the number itself, "不满" excludes it.)
 * - SAM    《数据出境安全评估办法》(CAC, 2022) and 《数据出境安全评估申报指南（第二版）》(2024): apply
 *          through the provincial cyberspace office to the CAC, with a self-assessment of the risk.
 * - SCM    《个人信息出境标准合同办法》(CAC, 2023) and 《个人信息出境标准合同备案指南（第二版）》(2024):
 *          a personal-information protection impact assessment, the contract as published, filed with
 *          the provincial cyberspace office within 10 working days of taking effect.
 * - CERT   《个人信息出境认证办法》(CAC and SAMR Order No. 20, 14 October 2025, in force 1 January 2026):
 *          the same band as art 8 above, certificate from an accredited certification body, valid 3 years.
 * - GBA-HK 《粤港澳大湾区（内地、香港）个人信息跨境流动标准合同实施指引》(CAC and HK ITIB, 10 December 2023)
 * - GBA-MO 《粤港澳大湾区（内地、澳门）个人信息跨境流动标准合同实施指引》(CAC, Macau DSEDT and DSPDP,
 *          10 September 2024): processor and recipient registered (organisations) or located
 *          (individuals) in one of the nine mainland GBA cities (Guangzhou, Shenzhen, Zhuhai, Foshan,
 *          Huizhou, Dongguan, Zhongshan, Jiangmen, Zhaoqing) and in Hong Kong / Macau; no volume limit;
 *          not for personal information notified or published as important data; no onward transfer
 *          outside the GBA; inform or obtain consent under the processor's local law; a simplified impact
 *          assessment; filed within 10 working days (Guangdong cyberspace office on the mainland side;
 *          the OGCIO in Hong Kong; the DSPDP in Macau).
 *
 * The GBA guidelines do not name critical information infrastructure operators; the platform takes
 * the conservative reading (CBDF art 7: assessment) for them. The free-trade-zone negative lists
 * (CBDF art 6) are not modelled: a member in a pilot zone is pointed to its list.
 */

import { CROSSBORDER_STEPS, DIRECTIONS, EXEMPTIONS, RECIPIENT_KINDS, ROUTES } from "../../../db/vocabulary/crossborder";

export { CROSSBORDER_STEPS, DIRECTIONS, EXEMPTIONS, RECIPIENT_KINDS, ROUTES };
export type CrossBorderStep = (typeof CROSSBORDER_STEPS)[number];
export type Direction = (typeof DIRECTIONS)[number];
export type Exemption = (typeof EXEMPTIONS)[number];
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];
export type Route = (typeof ROUTES)[number];

/** Thresholds of CBDF arts 5, 7 and 8, counted cumulatively since 1 January of the current year. */
export const THRESHOLDS = {
  /** Non-sensitive personal information: below this, exempt (art 5(4)). */
  exemptBelow: 100_000,
  /** Non-sensitive personal information: from this on, security assessment (art 7(2)). */
  assessmentFrom: 1_000_000,
  /** Sensitive personal information: from this on, security assessment (art 7(2)); any below, contract or certification (art 8). */
  sensitiveAssessmentFrom: 10_000,
} as const;

/** What the member declares about one flow (a listing's cross-border declaration). */
export interface Declaration {
  direction: Direction;
  /** Contains personal information at all. */
  personalInfo: boolean;
  /** People whose personal information (not sensitive) the processor sends abroad since 1 January of the year, this flow included. */
  people: number;
  /** People whose sensitive personal information it sends abroad in the same period, counted apart. */
  sensitivePeople: number;
  /** Data notified or published as important data (CBDF art 2). */
  importantData: boolean;
  researchData: boolean;
  /** The sending side is a critical information infrastructure operator. */
  ciio: boolean;
  /** The sending side is registered in one of the nine mainland GBA cities. */
  processorInGba: boolean;
  exemption: Exemption | null;
  recipientKind: RecipientKind;
}

export type SourceId = "PIPL" | "CBDF" | "SAM" | "SCM" | "CERT" | "GBA_HK" | "GBA_MO" | "PDPO";

/** Where each rule comes from: the title as published, and the article the decision rests on. */
export const SOURCES: Record<SourceId, { title: string; issued: string }> = {
  PIPL: { title: "《中华人民共和国个人信息保护法》", issued: "2021-08-20" },
  CBDF: { title: "《促进和规范数据跨境流动规定》(国家网信办令第16号)", issued: "2024-03-22" },
  SAM: { title: "《数据出境安全评估办法》及《数据出境安全评估申报指南（第二版）》", issued: "2022-07-07 / 2024-03-22" },
  SCM: { title: "《个人信息出境标准合同办法》及《个人信息出境标准合同备案指南（第二版）》", issued: "2023-02-22 / 2024-03-22" },
  CERT: { title: "《个人信息出境认证办法》(国家网信办、市场监管总局令第20号)", issued: "2025-10-14" },
  GBA_HK: { title: "《粤港澳大湾区（内地、香港）个人信息跨境流动标准合同实施指引》", issued: "2023-12-10" },
  GBA_MO: { title: "《粤港澳大湾区（内地、澳门）个人信息跨境流动标准合同实施指引》", issued: "2024-09-10" },
  PDPO: { title: "《個人資料（私隱）條例》(香港法例第486章) / 《個人資料保護法》(澳門第8/2005號法律)", issued: "—" },
};

/** Why the route is what it is: one code per row of the table, translated on the page. */
export type Basis =
  | "no_flow"
  | "inbound"
  | "important_data"
  | "ciio"
  | "no_personal_info"
  | "exemption"
  | "sensitive_over"
  | "volume_over"
  | "gba"
  | "sensitive_band"
  | "volume_band"
  | "volume_under";

export interface RouteResult {
  route: Route;
  basis: Basis;
  /** The articles the decision rests on, e.g. "CBDF art 7". */
  cites: { source: SourceId; article: string }[];
  /** Routes the parties may take instead (the national route when the GBA contract is open to them). */
  alternatives: Route[];
  /** The data cannot leave the mainland before the CAC's security assessment is passed. */
  needsAssessment: boolean;
  /** Step keys in order, per side (crossborder.steps.<key>). */
  steps: { supplier: string[]; recipient: string[] };
  /** Document keys per side (crossborder.docs.<key>). */
  documents: { supplier: string[]; recipient: string[] };
}

const STEPS: Record<Route, RouteResult["steps"]> = {
  no_flow: { supplier: [], recipient: [] },
  inbound: { supplier: ["inboundSenderLaw", "inboundDomestic"], recipient: ["inboundSenderLaw", "inboundGbaOption"] },
  exempt: { supplier: ["recordExemption", "informIndividuals", "keepRecords"], recipient: ["useForPurpose"] },
  gba_standard_contract: {
    supplier: ["informIndividuals", "pipiaSimplified", "signGbaContract", "fileGbaMainland"],
    recipient: ["signGbaContract", "fileGbaLocal", "noOnwardOutsideGba"],
  },
  contract_or_certification: {
    supplier: ["informIndividuals", "pipia", "signStandardContract", "fileStandardContract", "orCertification"],
    recipient: ["signStandardContract", "acceptSupervision"],
  },
  security_assessment: {
    supplier: ["selfAssessment", "applyAssessment", "awaitDecision", "thenContract"],
    recipient: ["legalDocuments", "acceptSupervision", "waitForAssessment"],
  },
};

const DOCUMENTS: Record<Route, RouteResult["documents"]> = {
  no_flow: { supplier: [], recipient: [] },
  inbound: { supplier: ["dataInventory"], recipient: ["senderTransferTerms"] },
  exempt: { supplier: ["exemptionRecord", "dataInventory"], recipient: ["useUndertaking"] },
  gba_standard_contract: {
    supplier: ["gbaContract", "undertaking", "legalRepId", "pipiaReport"],
    recipient: ["gbaContract", "undertaking", "legalRepId"],
  },
  contract_or_certification: {
    supplier: ["standardContract", "pipiaReport", "legalRepId", "orCertificate"],
    recipient: ["standardContract", "recipientSecurityMeasures"],
  },
  security_assessment: {
    supplier: ["assessmentApplication", "selfAssessmentReport", "legalDocumentsDraft", "standardContract"],
    recipient: ["legalDocumentsDraft", "recipientSecurityMeasures"],
  },
};

function result(route: Route, basis: Basis, cites: RouteResult["cites"], alternatives: Route[] = []): RouteResult {
  return { route, basis, cites, alternatives, needsAssessment: route === "security_assessment", steps: STEPS[route], documents: DOCUMENTS[route] };
}

const outbound = (d: Direction) => d === "to_hong_kong" || d === "to_macau" || d === "to_elsewhere";

/** The national route of personal information by volume (CBDF arts 5(4), 7, 8): non-CIIO, no important data. */
function byVolume(people: number, sensitive: number): RouteResult {
  if (sensitive >= THRESHOLDS.sensitiveAssessmentFrom) return result("security_assessment", "sensitive_over", [{ source: "CBDF", article: "7(2)" }]);
  if (people >= THRESHOLDS.assessmentFrom) return result("security_assessment", "volume_over", [{ source: "CBDF", article: "7(2)" }]);
  if (sensitive > 0)
    return result("contract_or_certification", "sensitive_band", [
      { source: "CBDF", article: "8" },
      { source: "SCM", article: "4" },
      { source: "CERT", article: "4" },
    ]);
  if (people >= THRESHOLDS.exemptBelow)
    return result("contract_or_certification", "volume_band", [
      { source: "CBDF", article: "8" },
      { source: "SCM", article: "4" },
      { source: "CERT", article: "4" },
    ]);
  return result("exempt", "volume_under", [{ source: "CBDF", article: "5(4)" }]);
}

/** The route of one declared flow: the rule table, first matching row wins. */
export function routeFor(d: Declaration): RouteResult {
  if (d.direction === "none") return result("no_flow", "no_flow", []);
  if (d.direction === "into_mainland") {
    return result("inbound", "inbound", [
      { source: "PDPO", article: "—" },
      { source: "GBA_HK", article: "2" },
    ]);
  }
  if (!outbound(d.direction)) return result("no_flow", "no_flow", []);
  // Important data goes through the assessment whoever sends it, and is outside the GBA contract.
  if (d.importantData)
    return result("security_assessment", "important_data", [
      { source: "CBDF", article: "7(1)(2)" },
      { source: "SAM", article: "4" },
    ]);
  if (!d.personalInfo) return result("exempt", "no_personal_info", [{ source: "CBDF", article: "3" }]);
  if (d.exemption)
    return result("exempt", "exemption", [{ source: "CBDF", article: d.exemption === "collected_abroad" ? "4" : d.exemption === "trade_no_pi" ? "3" : "5" }]);
  if (d.ciio)
    return result("security_assessment", "ciio", [
      { source: "CBDF", article: "7(1)" },
      { source: "PIPL", article: "40" },
    ]);
  const national = byVolume(Math.max(0, d.people), Math.max(0, d.sensitivePeople));
  if (national.route === "exempt") return national;
  const gba = (d.direction === "to_hong_kong" || d.direction === "to_macau") && d.processorInGba;
  if (gba) {
    return result("gba_standard_contract", "gba", [{ source: d.direction === "to_hong_kong" ? "GBA_HK" : "GBA_MO", article: "2-5" }], [national.route]);
  }
  return national;
}

/** A declared trade exemption (CBDF art 3) cannot carry personal information: the form refuses the pair. */
export function contradicts(d: Pick<Declaration, "exemption" | "personalInfo">): boolean {
  return d.exemption === "trade_no_pi" && d.personalInfo;
}

/** Regions of a demand (or its organisation) that sit outside the mainland. */
const ABROAD = new Set(["hong_kong", "macau", "overseas"]);

/**
 * The match reason a supply's declared flow gives a demand from Hong Kong, Macau or overseas: its
 * route, or the obstacle ("needs a security assessment"). None when the supply declares no flow out.
 */
export function crossBorderReason(
  supplyRoute: Route | null | undefined,
  demandRegions: (string | null | undefined)[],
): { code: "crossborder"; route: Route; needsAssessment: boolean } | null {
  if (!supplyRoute || supplyRoute === "no_flow" || supplyRoute === "inbound") return null;
  if (!demandRegions.some((r) => !!r && ABROAD.has(r))) return null;
  return { code: "crossborder", route: supplyRoute, needsAssessment: supplyRoute === "security_assessment" };
}

/**
 * The steps after which a deal on a listing with this route may be filed: a contract signed (and
 * filed with the cyberspace office) for the standard contracts, or the certificate, or a passed
 * security assessment. Routes that need none (exempt, inbound, no flow) file as any deal.
 */
export function stepsToFile(route: Route): readonly CrossBorderStep[] {
  switch (route) {
    case "gba_standard_contract":
      return ["contract_signed"];
    case "contract_or_certification":
      return ["contract_signed", "certified"];
    case "security_assessment":
      return ["assessment_passed"];
    default:
      return [];
  }
}
