import fs from "node:fs";
import PDFDocument from "pdfkit";
import type { FilingCertificate } from "./filings.server";
import { FILING_STEPS, type FiledListing } from "./filing-schema";

/**
 * The filing certificate as a PDF (pdfkit), from the same certificate the page shows: the model
 * already left out what the reader may not see, so the public PDF says only that the filing exists.
 * Chinese organisation names need a CJK font: WenQuanYi Micro Hei (Debian `fonts-wqy-microhei`,
 * installed by .ci/run; see README), or Noto Sans CJK where that is installed instead.
 */

export const CJK_FONT_CANDIDATES = [
  { path: "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", family: "WenQuanYiMicroHei" },
  { path: "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", family: "WenQuanYiZenHei" },
  { path: "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", family: "NotoSansCJKsc-Regular" },
] as const;

let found: { path: string; family: string } | null | undefined;

/** The first CJK font present on this machine (looked up once). */
export function cjkFont(): { path: string; family: string } | null {
  if (found === undefined) found = CJK_FONT_CANDIDATES.find((f) => fs.existsSync(f.path)) ?? null;
  return found;
}

type T = (key: string, options?: Record<string, unknown>) => string;

export interface PdfLanguage {
  t: T;
  locale: string;
  /** An organisation's name in the reader's language (English twin for English readers). */
  name: (zh: string, en: string | null) => string;
  date: (d: Date | string) => string;
  dateTime: (d: Date | string) => string;
  yuan: (n: number) => string;
}

/** Renders the certificate; resolves with the PDF's bytes. Throws when no CJK font is installed. */
export async function renderFilingPdf(cert: FilingCertificate, lang: PdfLanguage): Promise<Buffer> {
  const font = cjkFont();
  if (!font) throw new Error("No CJK font installed for the filing PDF (install the Debian package fonts-wqy-microhei)");
  const { t } = lang;
  const doc = new PDFDocument({
    size: "A4",
    margin: 56,
    // Dated by the filing, not by the render: the same certificate is the same bytes whoever asks and whenever.
    info: { Title: `${t("trust.certificateTitle")} ${cert.number}`, Author: t("trust.pdfIssuer"), Subject: cert.number, CreationDate: cert.filedAt },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.registerFont("cjk", font.path, font.family);
  doc.font("cjk");

  const width = doc.page.width - 112;
  const heading = (text: string) => {
    doc.moveDown(0.8).fontSize(13).fillColor("#1f3a5f").text(text).moveDown(0.3);
    doc
      .moveTo(56, doc.y)
      .lineTo(56 + width, doc.y)
      .lineWidth(0.5)
      .strokeColor("#9aa8b8")
      .stroke();
    doc.moveDown(0.3).fillColor("#111").fontSize(10.5);
  };
  const fact = (label: string, value: string) => {
    doc.fontSize(10.5).fillColor("#555").text(`${label}：`, { continued: true }).fillColor("#111").text(value);
  };

  doc.fontSize(20).fillColor("#1f3a5f").text(t("trust.certificateTitle"), { align: "center" });
  doc.moveDown(0.3).fontSize(10).fillColor("#555").text(t("trust.pdfIssuer"), { align: "center" });
  doc.moveDown(1).fillColor("#111");
  fact(t("trust.number"), cert.number);
  fact(t("trust.filedAt2"), lang.date(cert.filedAt));
  fact(t("trust.filingStatus"), t(`trust.filingStatuses.${cert.status}`));

  const d = cert.details;
  if (!d) {
    doc.moveDown(1).fontSize(10).fillColor("#555").text(t("trust.pdfPublicNote"));
    doc.end();
    return done;
  }
  fact(t("trust.agreedAt"), lang.date(d.agreedAt));
  fact(t("trust.supplySide"), lang.name(d.supply.name, d.supply.nameEn));
  fact(t("trust.demandSide"), lang.name(d.demand.name, d.demand.nameEn));
  fact(t("trust.amount"), lang.yuan(d.amount));
  fact(t("trust.termMonths"), t("trust.months", { n: d.termMonths }));
  fact(t("trust.deliveryMode"), t(`enums.delivery.${d.deliveryMode}`, { defaultValue: d.deliveryMode }));
  if (d.pricingTerms) fact(t("trust.pricingTerms"), d.pricingTerms);

  const r = d.record;
  if (!r) {
    doc.moveDown(1).fontSize(10).fillColor("#555").text(t("trust.recordMissing"));
    doc.end();
    return done;
  }
  heading(t("trust.listingsAgreed"));
  const listing = (side: string, l: FiledListing) => {
    doc
      .fontSize(11)
      .fillColor("#111")
      .text(`${side} · ${l.title} (${t("trust.listingVersion", { version: l.version })})`);
    doc.fontSize(10).fillColor("#333");
    fact(t("trust.pricingModel"), t(`enums.pricing.${l.pricingModel}`, { defaultValue: l.pricingModel }));
    if (l.priceMin !== null || l.priceMax !== null) {
      fact(t("trust.priceRange"), [l.priceMin, l.priceMax].map((p) => (p === null ? "…" : lang.yuan(p))).join(" – "));
    }
    fact(t("trust.deliveryMode"), l.deliveryModes.map((m) => t(`enums.delivery.${m}`, { defaultValue: m })).join("、"));
    const c = l.compliance;
    const yn = (v: boolean) => (v ? t("trust.yes") : t("trust.no"));
    fact(
      t("trust.declarations"),
      [
        `${t("trust.personalInfo")} ${yn(c.personalInfo)}`,
        `${t("trust.importantData")} ${yn(c.importantData)}`,
        `${t("trust.crossBorder")} ${yn(c.crossBorder)}`,
      ].join("；"),
    );
    if (c.legalBasis) fact(t("trust.legalBasis"), c.legalBasis);
    if (c.declaration) fact(t("trust.declarationText"), c.declaration);
    doc.moveDown(0.5);
  };
  listing(t("trust.supplySide"), r.supplyListing);
  listing(t("trust.demandSide"), r.demandListing);

  heading(t("trust.steps"));
  for (const step of FILING_STEPS) {
    const at = r.steps[step];
    fact(t(`trust.stepNames.${step}`), at ? lang.dateTime(at) : t("trust.noTrace"));
  }
  doc.end();
  return done;
}
