import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/index";
import { changeListingStatus } from "../app/models/marketplace/listings.server";
import { importListings } from "../app/models/marketplace/import.server";
import { ImportFileError, rowsFromCsv, rowsFromJson } from "../app/models/marketplace/import-files.server";
import { applyForMembership } from "../app/models/accounts/organisations.server";
import type { Actor } from "../app/models/core/permissions";
import { dbForSuite } from "./helpers/db";
import { application, makeApprovedOrg, makeUser } from "./helpers/fixtures";
import { listingInput } from "./helpers/listings";

const HEADER =
  "externalId,kind,title,description,dataCategory,grade,rights,deliveryModes,pricingModel,priceMin,priceMax,sectors,regions,tags,updateFrequency,fields,scenario,compliance.personalInfo,compliance.legalBasis,contactName,contactEmail";

/** One CSV line; `over` replaces cells by column name. */
function csvLine(externalId: string, over: Record<string, string> = {}) {
  const cells: Record<string, string> = {
    externalId,
    kind: "supply",
    title: `导入数据集 ${externalId}`,
    description: "覆盖广州各区的企业用电数据，按日汇总，可用于经营分析。",
    dataCategory: "enterprise",
    grade: "general",
    rights: "processing;operation",
    deliveryModes: "api;report",
    pricingModel: "fixed",
    priceMin: "100",
    priceMax: "2000",
    sectors: "energy;finance",
    regions: "gz_tianhe;gba",
    tags: "电力;能源",
    updateFrequency: "daily",
    fields: "meter_id|string|电表编号;kwh|number|用电量",
    scenario: "普惠金融授信评估",
    "compliance.personalInfo": "false",
    "compliance.legalBasis": "",
    contactName: "王五",
    contactEmail: "import@example.test",
    ...over,
  };
  return HEADER.split(",")
    .map((c) => {
      const v = cells[c] ?? "";
      return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
    })
    .join(",");
}

describe("bulk import", () => {
  const t = dbForSuite();
  let db: Db;
  let secretariat: Actor;
  let orgId: string;
  let owner: Awaited<ReturnType<typeof makeUser>>;
  beforeAll(async () => {
    db = t.db;
    secretariat = await (await makeUser(db, { role: "secretariat" })).actor();
    ({ orgId, owner } = await makeApprovedOrg(db, secretariat));
  });

  const byExternal = (ids: string[]) =>
    db
      .selectFrom("listings")
      .select(["id", "external_id", "title", "status", "version", "created_by", "org_id"])
      .where("org_id", "=", orgId)
      .where("external_id", "in", ids)
      .orderBy("external_id")
      .execute();

  it("imports good JSON rows as drafts of the organisation, acting as its owner", async () => {
    const rows = rowsFromJson(
      JSON.stringify([listingInput({ externalId: "json-1" }), listingInput({ externalId: "json-2", kind: "demand", title: "需求：物流轨迹数据" })]),
    );
    const report = await importListings(db, { orgId, rows });
    expect(report).toEqual({ ok: true, created: 2, updated: 0, submitted: 0, errors: [] });
    const stored = await byExternal(["json-1", "json-2"]);
    expect(stored.map((l) => [l.external_id, l.status, l.created_by])).toEqual([
      ["json-1", "draft", owner.id],
      ["json-2", "draft", owner.id],
    ]);
    const audit = await db.selectFrom("audit_log").select("action").where("entity_id", "=", stored[0].id).execute();
    expect(audit.map((a) => a.action)).toEqual(["listing.created"]);
  });

  it("re-importing the same externalId updates the listing instead of duplicating it", async () => {
    const rows = rowsFromJson(JSON.stringify([listingInput({ externalId: "json-1", title: "更新后的交通数据集" })]));
    const report = await importListings(db, { orgId, rows });
    expect(report).toMatchObject({ ok: true, created: 0, updated: 1 });
    const stored = await byExternal(["json-1"]);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ title: "更新后的交通数据集", version: 2 });
  });

  it("reports JSON rows by array index + 1 with field and reason in English; rows without externalId are refused", async () => {
    const rows = rowsFromJson(
      JSON.stringify([
        listingInput({ externalId: "json-ok" }),
        { ...listingInput(), externalId: null },
        { ...listingInput({ externalId: "json-bad" }), grade: "secret" },
        "not an object",
      ]),
    );
    const report = await importListings(db, { orgId, rows });
    expect(report.ok).toBe(false);
    expect(report.created).toBe(0);
    expect(report.errors).toEqual([
      { line: 2, externalId: null, reasons: ["externalId: An external id is required for bulk import"] },
      { line: 3, externalId: "json-bad", reasons: ["grade: Choose one of the options"] },
      { line: 4, externalId: null, reasons: ["row: Each row must be a JSON object"] },
    ]);
    expect(await byExternal(["json-ok"])).toHaveLength(0);
  });

  it("a CSV with a bad row reports the file line and the reason, and imports nothing", async () => {
    const csv = [
      HEADER,
      csvLine("csv-1"),
      // A quoted cell over two lines: the next row's line number must still be the file's.
      csvLine("csv-2", { description: "第一行说明，\n第二行继续说明数据内容。" }),
      csvLine("csv-3", { dataCategory: "secret" }),
      "",
      csvLine("csv-4", { "compliance.personalInfo": "maybe" }),
      csvLine("csv-1", { title: "重复的外部编号" }),
    ].join("\r\n");
    const rows = rowsFromCsv(csv);
    expect(rows.map((r) => r.line)).toEqual([2, 3, 5, 7, 8]);
    const report = await importListings(db, { orgId, rows });
    expect(report.ok).toBe(false);
    expect(report.errors.map((e) => e.line)).toEqual([5, 7, 8]);
    expect(report.errors[0].reasons).toEqual(["dataCategory: Choose one of the options"]);
    expect(report.errors[1].reasons).toEqual(["compliance.personalInfo: This value is not valid"]);
    expect(report.errors[2].reasons).toEqual(["externalId: This external id appears more than once in the file (line 2)"]);
    expect(await byExternal(["csv-1", "csv-2", "csv-3", "csv-4"])).toHaveLength(0);
  });

  it("with partial the good CSV rows are imported and the bad ones reported; submit sends them to review", async () => {
    const csv = [
      HEADER,
      csvLine("csv-1"),
      csvLine("csv-2", { description: "短" }),
      csvLine("csv-3", { "compliance.personalInfo": "是", "compliance.legalBasis": "个人同意" }),
    ].join("\n");
    const report = await importListings(db, { orgId, rows: rowsFromCsv(csv), partial: true, submit: true });
    expect(report).toMatchObject({ ok: false, created: 2, updated: 0, submitted: 2 });
    expect(report.errors).toEqual([{ line: 3, externalId: "csv-2", reasons: ["description: At least 10 characters"] }]);
    const stored = await byExternal(["csv-1", "csv-2", "csv-3"]);
    expect(stored.map((l) => [l.external_id, l.status])).toEqual([
      ["csv-1", "pending_review"],
      ["csv-3", "pending_review"],
    ]);
    const full = await db
      .selectFrom("listings")
      .select(["rights", "sectors", "fields", "compliance", "price_min"])
      .where("id", "=", stored[1].id)
      .executeTakeFirstOrThrow();
    expect(full.rights).toEqual(["processing", "operation"]);
    expect(full.sectors).toEqual(["energy", "finance"]);
    expect(full.fields).toEqual([
      { name: "meter_id", type: "string", meaning: "电表编号" },
      { name: "kwh", type: "number", meaning: "用电量" },
    ]);
    expect(full.compliance).toMatchObject({ personalInfo: true, legalBasis: "个人同意" });
    expect(Number(full.price_min)).toBe(100);
  });

  it("a re-imported CSV updates; a closed listing or a changed kind is refused before anything is written", async () => {
    const [csv1] = await byExternal(["csv-1"]);
    const again = await importListings(db, {
      orgId,
      rows: rowsFromCsv([HEADER, csvLine("csv-1", { title: "再次导入的数据集" }), csvLine("csv-5")].join("\n")),
    });
    expect(again).toMatchObject({ ok: true, created: 1, updated: 1 });
    expect((await byExternal(["csv-1"]))[0]).toMatchObject({ id: csv1.id, title: "再次导入的数据集" });

    await changeListingStatus(db, await owner.actor(), (await byExternal(["csv-5"]))[0].id, "withdrawn");
    const refused = await importListings(db, {
      orgId,
      rows: rowsFromCsv([HEADER, csvLine("csv-6"), csvLine("csv-5"), csvLine("csv-1", { kind: "demand" })].join("\n")),
    });
    expect(refused.errors).toEqual([
      { line: 3, externalId: "csv-5", reasons: ["A closed or withdrawn listing can no longer change"] },
      { line: 4, externalId: "csv-1", reasons: ["kind: A listing cannot switch between supply and demand"] },
    ]);
    expect(await byExternal(["csv-6"])).toHaveLength(0);
  });

  it("refuses files it cannot read as a whole, and organisations that may not post", async () => {
    expect(() => rowsFromCsv(`${HEADER},colour\n`)).toThrow(ImportFileError);
    expect(() => rowsFromCsv(`${HEADER},colour\n`)).toThrow(/line 1: unknown column\(s\): colour/);
    expect(() => rowsFromJson('{"title": "x"}')).toThrow(/array/);
    expect(() => rowsFromJson("[{")).toThrow(ImportFileError);
    const short = rowsFromCsv(`${HEADER}\ncsv-x,supply\n`);
    const report = await importListings(db, { orgId, rows: short });
    expect(report.errors).toEqual([{ line: 2, externalId: null, reasons: [`row: expected ${HEADER.split(",").length} cells, found 2`] }]);

    const applicant = await makeUser(db);
    const pending = await applyForMembership(db, await applicant.actor(), application() as never);
    await expect(importListings(db, { orgId: pending, rows: rowsFromJson(JSON.stringify([listingInput({ externalId: "p-1" })])) })).rejects.toMatchObject({
      status: 403,
    });
    await expect(importListings(db, { orgId: "00000000-0000-4000-8000-000000000000", rows: [] })).rejects.toMatchObject({ status: 404 });
  });

  it("the command refuses bad arguments with its usage and exit code 1, before touching a database", async () => {
    const run = promisify(execFile);
    const err = await run("node_modules/.bin/tsx", ["scripts/import.ts", "listings.csv"], {
      env: { ...process.env, DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" },
    }).catch((e) => e);
    expect(err.code).toBe(1);
    expect(err.stderr).toContain("--org needs an organisation id");
    expect(err.stderr).toContain("usage: npm run import --");
  });
});
