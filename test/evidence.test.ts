import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import type { Actor } from "../app/models/core/permissions";
import { advanceMatch, expressInterest } from "../app/models/marketplace/deals.server";
import { getDispute, moveDispute, openDispute } from "../app/models/trust/disputes.server";
import { disputeMoveSchema, openDisputeSchema } from "../app/models/trust/dispute-schema";
import {
  MAX_EVIDENCE_BYTES,
  MAX_EVIDENCE_FILES,
  checkEvidence,
  evidenceFor,
  readEvidence,
  reportEvidence,
  sniffEvidenceType,
} from "../app/models/trust/evidence.server";
import { fileReport } from "../app/models/trust/reports.server";
import { reportInputSchema } from "../app/models/trust/report-schema";
import { dbForSuite } from "./helpers/db";
import { makeApprovedOrg, makeUser } from "./helpers/fixtures";
import { publishListing } from "./helpers/listings";

const status = (p: Promise<unknown>) =>
  p.then(
    () => 200,
    (e: { status?: number }) => e.status ?? 500,
  );
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e as { status: number; messageKey: string };
  }
  return null;
};

const bytes = (...parts: (number[] | string)[]) => new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : Buffer.from(p)))));
const PDF = bytes("%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n");
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13], "IHDR");
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], "JFIF");
const TEXT = bytes("交付记录：2026-11-02 缺少字段 vehicle_id。\r\n");

describe("evidence files (model)", () => {
  const t = dbForSuite();
  let db: Db;
  let staff: Actor;
  let moderator: Actor;
  let seller: Actor;
  let buyer: Actor;
  let stranger: Actor;
  let mediator: Actor;
  let mediatorOrgId: string;
  let otherMediator: Actor;
  let disputeId: string;

  beforeAll(async () => {
    db = t.db;
    staff = await (await makeUser(db, { role: "secretariat" })).actor();
    moderator = await (await makeUser(db, { role: "moderator" })).actor();
    seller = await (await makeApprovedOrg(db, staff)).owner.actor();
    buyer = await (await makeApprovedOrg(db, staff, { type: "user" })).owner.actor();
    stranger = await (await makeApprovedOrg(db, staff)).owner.actor();
    for (const i of [0, 1]) {
      const o = await makeApprovedOrg(db, staff, { type: "service_provider" });
      await sql`insert into org_profiles (org_id, service_types) values (${o.orgId}, ${sql.val(["dispute_resolution"])})`.execute(db);
      if (i === 0) {
        mediator = await o.owner.actor();
        mediatorOrgId = o.orgId;
      } else otherMediator = await o.owner.actor();
    }
    const supplyId = await publishListing(db, seller, staff, { title: "证据测试数据集" });
    const demandId = await publishListing(db, buyer, staff, { kind: "demand", title: "证据测试需求" });
    const matchId = await expressInterest(db, buyer, { myListingId: demandId, otherListingId: supplyId });
    await advanceMatch(db, seller, matchId, "accept");
    disputeId = await openDispute(
      db,
      buyer,
      openDisputeSchema.parse({ matchId, title: "交付缺少字段", claim: "交付的数据缺少约定的车辆编号字段。" }),
      checkEvidence([
        { name: "合同.pdf", bytes: PDF },
        { name: "C:\\scans\\截图.png", bytes: PNG },
      ]),
    );
  });

  it("tells the accepted types by their first bytes, whatever the name says", () => {
    expect(sniffEvidenceType(PDF)).toBe("application/pdf");
    expect(sniffEvidenceType(PNG)).toBe("image/png");
    expect(sniffEvidenceType(JPEG)).toBe("image/jpeg");
    expect(sniffEvidenceType(TEXT)).toBe("text/plain");
    // A zip (docx), a GIF, an executable and invalid UTF-8 are refused.
    expect(sniffEvidenceType(bytes([0x50, 0x4b, 0x03, 0x04], "word/document.xml"))).toBeNull();
    expect(sniffEvidenceType(bytes("GIF89a", [1, 0, 1, 0, 0x80, 0]))).toBeNull();
    expect(sniffEvidenceType(bytes([0x7f], "ELF", [2, 1, 1, 0]))).toBeNull();
    expect(sniffEvidenceType(bytes([0xc3, 0x28]))).toBeNull();
    const [checked] = checkEvidence([{ name: "notes.pdf", bytes: TEXT }]);
    expect(checked.contentType).toBe("text/plain");
  });

  it("refuses other types, empty and oversized files and too many files with a 400 naming the field", () => {
    const cases: [Parameters<typeof checkEvidence>[0], string][] = [
      [[{ name: "a.docx", bytes: bytes([0x50, 0x4b, 0x03, 0x04]) }], "disputes.evidence.badType"],
      [[{ name: "a.html.png", bytes: bytes("<html>\u0000") }], "disputes.evidence.badType"],
      [[{ name: "empty.txt", bytes: new Uint8Array(0) }], "disputes.evidence.empty"],
      [[{ name: "big.pdf", bytes: new Uint8Array(Buffer.concat([Buffer.from(PDF), Buffer.alloc(MAX_EVIDENCE_BYTES)])) }], "disputes.evidence.tooLarge"],
      [Array.from({ length: MAX_EVIDENCE_FILES + 1 }, (_, i) => ({ name: `${i}.txt`, bytes: TEXT })), "disputes.evidence.tooMany"],
    ];
    for (const [files, key] of cases) {
      const e = refusal(() => checkEvidence(files));
      expect(e, key).toMatchObject({ status: 400, messageKey: key, fieldErrors: { evidence: [key] } });
    }
    expect(checkEvidence(Array.from({ length: MAX_EVIDENCE_FILES }, (_, i) => ({ name: `${i}.txt`, bytes: TEXT })))).toHaveLength(MAX_EVIDENCE_FILES);
  });

  it("dispute evidence is read by the parties, the assigned mediator and the secretariat only", async () => {
    const d = await getDispute(db, seller, disputeId);
    const files = d.timeline[0].evidence;
    expect(files.map((f) => [f.filename, f.contentType, f.size])).toEqual([
      ["合同.pdf", "application/pdf", PDF.byteLength],
      ["截图.png", "image/png", PNG.byteLength],
    ]);
    const [pdf] = files;
    for (const reader of [seller, buyer, staff]) {
      const got = await readEvidence(db, reader, pdf.id);
      expect(Buffer.from(got.bytes).equals(Buffer.from(PDF))).toBe(true);
      expect(got).toMatchObject({ filename: "合同.pdf", contentType: "application/pdf" });
    }
    for (const reader of [stranger, mediator, otherMediator, moderator]) expect(await status(readEvidence(db, reader, pdf.id))).toBe(404);
    expect(await status(readEvidence(db, null, pdf.id))).toBe(403);
    expect(await status(readEvidence(db, seller, "not-a-uuid"))).toBe(404);
    expect(await status(evidenceFor(db, stranger, { type: "dispute_statement", id: d.timeline[0].id }))).toBe(404);

    await moveDispute(db, staff, disputeId, disputeMoveSchema.parse({ intent: "assign", mediator: mediatorOrgId }));
    expect((await readEvidence(db, mediator, pdf.id)).filename).toBe("合同.pdf");
    expect(await status(readEvidence(db, otherMediator, pdf.id))).toBe(404);
    // A mediator's note may carry files; an assignment may not.
    await moveDispute(
      db,
      mediator,
      disputeId,
      disputeMoveSchema.parse({ intent: "note", body: "调解记录见附件。" }),
      checkEvidence([{ name: "记录.txt", bytes: TEXT }]),
    );
    const note = (await getDispute(db, buyer, disputeId)).timeline.at(-1)!;
    expect(note.evidence.map((f) => f.contentType)).toEqual(["text/plain"]);
    expect((await evidenceFor(db, buyer, { type: "dispute_statement", id: note.id })).map((f) => f.id)).toEqual(note.evidence.map((f) => f.id));
    expect(
      await status(
        moveDispute(
          db,
          staff,
          disputeId,
          disputeMoveSchema.parse({ intent: "assign", mediator: "secretariat" }),
          checkEvidence([{ name: "x.txt", bytes: TEXT }]),
        ),
      ),
    ).toBe(400);
  });

  it("report evidence is read by the reporter and the moderators, never by the reported party", async () => {
    const listingId = await publishListing(db, seller, staff, { title: "证据举报测试数据集" });
    const reportId = await fileReport(
      db,
      buyer,
      reportInputSchema.parse({ targetType: "listing", targetId: listingId, category: "misleading", description: "样例数据与描述不符，见截图。" }),
      checkEvidence([{ name: "样例.jpg", bytes: JPEG }]),
    );
    const [file] = await evidenceFor(db, buyer, { type: "report", id: reportId });
    expect(file).toMatchObject({ filename: "样例.jpg", contentType: "image/jpeg", path: `/evidence/${file.id}` });
    for (const reader of [moderator, staff, buyer]) expect((await readEvidence(db, reader, file.id)).contentType).toBe("image/jpeg");
    for (const reader of [seller, stranger]) {
      expect(await status(readEvidence(db, reader, file.id))).toBe(404);
      expect(await status(evidenceFor(db, reader, { type: "report", id: reportId }))).toBe(404);
    }
    expect((await reportEvidence(db, moderator, [reportId]))[reportId].map((f) => f.id)).toEqual([file.id]);
    expect(await reportEvidence(db, seller, [reportId])).toEqual({});
  });
});
