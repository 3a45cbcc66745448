import { parse as parseCsv } from "csv-parse/sync";
import { ZipError } from "../archive/zip-error.js";
import { ParseError } from "../core/parse-error.js";
import { releaseLines, releaseText } from "../core/release-text.js";
import { anwebFormatOf, csvHeaderLine, MAX_NOTICE_LINES } from "./anweb-format.js";
import { ANWEB_COLUMNS } from "./hcpcs-record-layout.js";
import { firstSheetRows } from "./xlsx-sheet.js";

/** One ANWEB row in ANWEB_COLUMNS order, with where it came from for error messages. */
export interface AnwebRow {
  readonly values: readonly string[];
  readonly lineNumber: number;
}

const HEADERS = ANWEB_COLUMNS.map((column) => column.header);

/**
 * The ANWEB rows of a CMS HCPCS file in any of the formats CMS has published it in: fixed-width
 * TXT (320-byte records, continuation records cut short at column 91, notice lines on top),
 * XLSX (notice rows above the header) or CSV. An Excel 97-2003 workbook (`.xls`, as in some 2020
 * zips) is refused with a sentence: the same zip carries the TXT, which is read instead.
 */
export async function anwebRows(bytes: Buffer, source: string): Promise<AnwebRow[]> {
  if (bytes.length === 0)
    throw new ParseError(source, "empty file; expected an HCPCS ANWEB TXT, XLSX or CSV");
  switch (anwebFormatOf(bytes)) {
    case "xls":
      throw new ParseError(
        source,
        "is an Excel 97-2003 workbook (.xls, BIFF format), which codecurrent does not read; use the fixed-width TXT or the XLSX of the same release (CMS's zip carries them)",
      );
    case "xlsx":
      return tabularRows(await workbookRows(bytes, source), source);
    case "csv":
      return csvRows(releaseText(bytes).replace(/^\uFEFF/, ""), source);
    case "txt":
      return fixedWidthRows(bytes, source);
  }
}

async function workbookRows(bytes: Buffer, source: string): Promise<string[][]> {
  try {
    return await firstSheetRows(bytes);
  } catch (error) {
    // A workbook the archive's limits refuse (a zip bomb) or finds damaged fails with the archive's
    // own error, as any other zip does; anything else is a workbook not laid out as ANWEB.
    if (error instanceof ZipError) {
      throw new ZipError(error.reason, `${source}: ${error.message}`, {
        ...(error.entry === undefined ? {} : { entry: error.entry }),
        cause: error,
      });
    }
    throw new ParseError(source, `not a readable XLSX workbook: ${(error as Error).message}`);
  }
}

function csvRows(text: string, source: string): AnwebRow[] {
  const skipped = csvHeaderLine(text) ?? 0;
  let rows: string[][];
  try {
    rows = parseCsv(text.split("\n").slice(skipped).join("\n"), {
      relax_column_count: true,
      skip_empty_lines: false,
      trim: false,
    });
  } catch (error) {
    throw new ParseError(source, `not a readable CSV: ${(error as Error).message}`);
  }
  return dataRows(rows, 0, skipped + 1, source);
}

/** Sheet rows: notices first, then the ANWEB header, then the data. */
function tabularRows(rows: readonly string[][], source: string): AnwebRow[] {
  const header = rows.slice(0, MAX_NOTICE_LINES + 1).findIndex(isHeader);
  if (header < 0) {
    const first = (rows[0] ?? []).filter((cell) => cell.trim() !== "").join(",");
    throw new ParseError(
      source,
      `unknown header: no row of the first ${MAX_NOTICE_LINES + 1} is the ${HEADERS.length} ANWEB columns ${HEADERS.join(",")}; the first row is "${first.slice(0, 120)}"`,
      1,
    );
  }
  return dataRows(rows, header, 1, source);
}

function isHeader(row: readonly string[]): boolean {
  const got = row.map((name) => name.trim().toUpperCase());
  while (got.length > HEADERS.length && got[got.length - 1] === "") got.pop();
  return got.join("|") === HEADERS.join("|");
}

/** Rows after the header at `header`; `firstLine` numbers the header's own line. */
function dataRows(rows: readonly string[][], header: number, firstLine: number, source: string): AnwebRow[] {
  if (!isHeader(rows[header] ?? [])) {
    const got = (rows[header] ?? []).map((name) => name.trim()).join(",");
    throw new ParseError(
      source,
      `unknown header; expected the ${HEADERS.length} ANWEB columns ${HEADERS.join(",")}; got ${got}`,
      firstLine,
    );
  }
  const result: AnwebRow[] = [];
  for (let i = header + 1; i < rows.length; i++) {
    const values = rows[i]!;
    if (values.every((value) => value.trim() === "")) continue;
    const row = values.slice(0, HEADERS.length);
    while (row.length < HEADERS.length) row.push("");
    result.push({ values: row, lineNumber: firstLine + (i - header) });
  }
  return result;
}

/** Columns 1-11: HCPC (a modifier right-aligned in 4-5), SEQNUM, RECID. */
const RECORD_START = /^[A-Z0-9 ]{5}[\d ]{5}[3478]/;
/** Where a first record (RECID 3 or 7) must reach: its action code is column 293. */
const FIRST_RECORD_END = 293;
/** A continuation record (RECID 4 or 8) carries only more long description, columns 12-91. */
const CONTINUATION_END = 12;

function isRecord(line: string): boolean {
  if (!RECORD_START.test(line)) return false;
  const recid = line[10];
  return line.length >= (recid === "3" || recid === "7" ? FIRST_RECORD_END : CONTINUATION_END);
}

const EXPECTED_RECORD = `expected an ANWEB record: HCPC in columns 1-5, SEQNUM 6-10, RECID 3/4/7/8 in 11, a first record's data through column ${FIRST_RECORD_END} (or the CSV/XLSX header)`;

function fixedWidthRows(bytes: Buffer, source: string): AnwebRow[] {
  const rows: AnwebRow[] = [];
  const lines = releaseLines(bytes);
  let notices = 0;
  let firstText: { line: string; lineNumber: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line.trim() === "") continue;
    firstText ??= { line, lineNumber: i + 1 };
    if (!isRecord(line)) {
      // Notice and disclaimer lines come before the first record, never among the records.
      if (rows.length === 0 && ++notices <= MAX_NOTICE_LINES && !RECORD_START.test(line)) continue;
      throw new ParseError(
        source,
        `${EXPECTED_RECORD}; got "${line.slice(0, 60)}" (${line.length} columns)`,
        i + 1,
      );
    }
    rows.push({
      values: ANWEB_COLUMNS.map((column) => line.slice(column.from - 1, column.to)),
      lineNumber: i + 1,
    });
  }
  if (rows.length === 0) {
    throw new ParseError(
      source,
      `no ANWEB record in the file; ${EXPECTED_RECORD}; the first line is "${(firstText?.line ?? "").slice(0, 60)}"`,
      firstText?.lineNumber,
    );
  }
  return rows;
}
