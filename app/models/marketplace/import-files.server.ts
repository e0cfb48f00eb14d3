import { parse } from "csv-parse/sync";
import type { ImportRow } from "./import.server";

/**
 * Import files -> rows with the line each came from. The CSV mapping (documented in README.md):
 * a header row of listingInputSchema's field names; list fields separated by ";"; `fields` as
 * `name|type|meaning;...`; the compliance object as `compliance.personalInfo` etc. columns with
 * true/false (yes/no, 1/0, 是/否); an empty cell means "not given".
 */

/** A problem with the file as a whole (not one row): unreadable, wrong shape, unknown column. */
export class ImportFileError extends Error {
  constructor(
    message: string,
    readonly line: number | null = null,
  ) {
    super(line === null ? message : `line ${line}: ${message}`);
    this.name = "ImportFileError";
  }
}

export function rowsFromJson(text: string): ImportRow[] {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new ImportFileError(`not valid JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(value)) throw new ImportFileError("a JSON import file must be an array of listing objects");
  return value.map((data, i) => ({ line: i + 1, data }));
}

const LIST_COLUMNS = new Set(["rights", "deliveryModes", "sectors", "regions", "tags"]);
const BOOLEAN_COLUMNS = new Set(["compliance.personalInfo", "compliance.importantData", "compliance.crossBorder"]);
const TEXT_COLUMNS = new Set([
  "kind",
  "title",
  "description",
  "dataCategory",
  "grade",
  "pricingModel",
  "priceMin",
  "priceMax",
  "updateFrequency",
  "timeCoverage",
  "sampleDescription",
  "scenario",
  "compliance.legalBasis",
  "compliance.declaration",
  "contactName",
  "contactEmail",
  "contactPhone",
  "externalId",
]);
export const CSV_COLUMNS = [...TEXT_COLUMNS, ...LIST_COLUMNS, "fields", ...BOOLEAN_COLUMNS];

const TRUE = new Set(["true", "yes", "y", "1", "是"]);
const FALSE = new Set(["false", "no", "n", "0", "否", ""]);

/** Anything else stays a string, so the schema reports the cell as invalid instead of guessing. */
function toBoolean(cell: string): boolean | string {
  const v = cell.trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  return cell;
}

const list = (cell: string) =>
  cell
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean);

function fieldSpecs(cell: string) {
  return list(cell).map((spec) => {
    const [name = "", type = "", ...meaning] = spec.split("|").map((p) => p.trim());
    return { name, type, meaning: meaning.join("|") || null };
  });
}

function toListing(header: string[], cells: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const compliance: Record<string, unknown> = {};
  header.forEach((column, i) => {
    const cell = cells[i] ?? "";
    let value: unknown;
    if (LIST_COLUMNS.has(column)) value = list(cell);
    else if (column === "fields") value = fieldSpecs(cell);
    else if (BOOLEAN_COLUMNS.has(column)) value = toBoolean(cell);
    else value = cell.trim() === "" ? undefined : cell;
    if (column.startsWith("compliance.")) compliance[column.slice("compliance.".length)] = value;
    else out[column] = value;
  });
  out.compliance = compliance;
  return out;
}

export function rowsFromCsv(text: string): ImportRow[] {
  // One line ending everywhere, so the parser's line count matches what an editor shows.
  const normalised = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(normalised, { info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as typeof records;
  } catch (e) {
    const err = e as Error & { lines?: number };
    throw new ImportFileError(err.message, err.lines ?? null);
  }
  if (records.length === 0) throw new ImportFileError("the CSV file is empty");
  const header = records[0].record.map((h) => h.trim());
  const headerLine = records[0].info.lines;
  const unknown = header.filter((h) => !CSV_COLUMNS.includes(h));
  if (unknown.length) throw new ImportFileError(`unknown column(s): ${unknown.join(", ")}; expected some of: ${CSV_COLUMNS.join(", ")}`, headerLine);
  const duplicate = header.find((h, i) => header.indexOf(h) !== i);
  if (duplicate) throw new ImportFileError(`column ${duplicate} appears twice`, headerLine);

  return records.slice(1).map(({ record, info }) => {
    // info.lines is where the record ends; quoted cells may span lines, so count back to its start.
    const embedded = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    const line = info.lines - embedded;
    if (record.length !== header.length) {
      // The schema cannot say what is wrong with a row whose cells have shifted.
      return { line, data: null, problem: `row: expected ${header.length} cells, found ${record.length}` };
    }
    return { line, data: toListing(header, record) };
  });
}
