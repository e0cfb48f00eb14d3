/**
 * Bulk import of listings for one organisation:
 *   npm run import -- <file.json|file.csv> --org <orgId> [--partial] [--submit]
 * Exit code 0 when the rows were imported (with --partial: the good ones), 1 otherwise.
 * The work is in app/models/import.server.ts; this file only reads arguments and the file.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDb, migrateToLatest } from "../db/index";
import { getT, translateKey } from "../app/i18n/index";
import { isDomainError } from "../app/models/core/errors";
import { importListings, type ImportReport } from "../app/models/marketplace/import.server";
import { ImportFileError, rowsFromCsv, rowsFromJson } from "../app/models/marketplace/import-files.server";

const USAGE = "usage: npm run import -- <file.json|file.csv> --org <orgId> [--partial] [--submit]";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function printReport(file: string, report: ImportReport, partial: boolean) {
  for (const e of report.errors) {
    const where = file.endsWith(".csv") ? `line ${e.line}` : `row ${e.line}`;
    console.error(`${path.basename(file)} ${where}${e.externalId ? ` (${e.externalId})` : ""}: ${e.reasons.join("; ")}`);
  }
  if (report.errors.length && !partial && report.created + report.updated === 0) {
    console.error(`${report.errors.length} bad row(s): nothing imported (use --partial to import the good rows)`);
  }
  console.log(`created ${report.created}, updated ${report.updated}, submitted for review ${report.submitted}, refused ${report.errors.length}`);
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ allowPositionals: true, options: { org: { type: "string" }, partial: { type: "boolean" }, submit: { type: "boolean" } } });
  } catch (e) {
    fail(`${(e as Error).message}\n${USAGE}`);
  }
  const [file] = args.positionals;
  const orgId = args.values.org;
  if (!file || args.positionals.length > 1) fail(USAGE);
  if (!orgId || !UUID.test(orgId)) fail(`--org needs an organisation id (uuid)\n${USAGE}`);
  const ext = path.extname(file).toLowerCase();
  if (ext !== ".json" && ext !== ".csv") fail(`the file must end in .json or .csv\n${USAGE}`);

  let rows;
  try {
    const text = await fs.readFile(file, "utf8");
    rows = ext === ".csv" ? rowsFromCsv(text) : rowsFromJson(text);
  } catch (e) {
    if (e instanceof ImportFileError) fail(`${path.basename(file)}: ${e.message}`);
    fail(`cannot read ${file}: ${(e as Error).message}`);
  }

  const db = createDb();
  let code = 1;
  try {
    await migrateToLatest(db);
    const partial = args.values.partial ?? false;
    const report = await importListings(db, { orgId, rows, partial, submit: args.values.submit ?? false });
    printReport(file, report, partial);
    code = report.ok || (partial && report.created + report.updated > 0) ? 0 : 1;
  } catch (e) {
    if (!isDomainError(e)) throw e;
    console.error(`organisation ${orgId}: ${translateKey(getT("en"), e.messageKey, e.params)}`);
  } finally {
    await db.destroy();
  }
  return code;
}

// Explicit exit: closing PGlite (an Emscripten module) resets process.exitCode to 0.
process.exit(await main());
