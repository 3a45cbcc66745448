import { parse as parseCsv } from "csv-parse/sync";
import type { CodeSystemRules } from "../core/code-system.js";
import { ParseError } from "../core/parse-error.js";
import type { ReleasePayload } from "../core/release.js";
import { releaseLines, releaseText } from "../core/release-text.js";
import { type CodeSetSnapshot, toLine } from "../core/snapshot.js";
import type { ChangeType } from "../core/snapshot-diff.js";
import { ANWEB_COLUMNS, ANWEB_RECORD_DATA_END, HCPCS_FIELDS } from "./hcpcs-record-layout.js";
import { firstSheetRows } from "./xlsx-sheet.js";

const FIELD_NAMES = HCPCS_FIELDS.map((field) => field.name);
const TERMINATION = FIELD_NAMES.indexOf("terminationDate");

/**
 * HCPCS Level II has no header lines: every record is a code (a modifier is a 2-character code).
 * A terminated code stays in the file with its termination date set, so the revision that sets
 * the date is the code's deletion, and the one that clears it brings the code back.
 */
export const HCPCS: CodeSystemRules = {
  system: "hcpcs",
  label: "HCPCS Level II",
  family: "hcpcs",
  displayCode: (key) => key,
  recordNoun: { one: "code", many: "codes" },
  cliDiff: { sides: "file" },
  fields: FIELD_NAMES,
  categoryOf: () => "code",
  categoryOfLine: () => "code",
  titleOf: (f) => f[1] || f[0] || "",
  bookkeepingFields: ["actionCode", "actionEffectiveDate"],
  classify(before, after) {
    const was = before[TERMINATION] ?? "";
    const now = after[TERMINATION] ?? "";
    if (was === "" && now !== "") return { changeType: "deleted" satisfies ChangeType, reason: "terminated" };
    if (was !== "" && now === "") return { changeType: "added" satisfies ChangeType, reason: "reinstated" };
    return undefined;
  },
};

const COLUMN = new Map(ANWEB_COLUMNS.map((column, i) => [column.header, i]));
const at = (header: string) => COLUMN.get(header)!;
const HCPC = at("HCPC");
const SEQNUM = at("SEQNUM");
const RECID = at("RECID");
const LONG_DESCRIPTION = at("LONG DESCRIPTION");
const FIELD_COLUMNS = HCPCS_FIELDS.map((field) => field.columns.map(at));

/** One ANWEB row in ANWEB_COLUMNS order, with where it came from for error messages. */
interface AnwebRow {
  readonly values: readonly string[];
  readonly lineNumber: number;
}

/**
 * CMS's quarterly HCPCS Level II file (`HCPCyyyy_MMM_ANWEB*`), as CSV, fixed-width TXT or XLSX.
 * Each code spans one or more rows: RECID 3 (procedure) or 7 (modifier) opens it, and 4 or 8
 * rows carry the rest of its long description.
 */
export function parseHcpcsFile(payload: ReleasePayload, version: string): CodeSetSnapshot {
  const source = `hcpcs file ${payload.name}`;
  const rows = anwebRows(payload.bytes, source);
  const lines: string[] = [];
  let open: { code: string; values: string[]; lineNumber: number } | undefined;
  const seen = new Map<string, number>();
  const close = () => {
    if (open)
      lines.push(
        toLine(
          open.code,
          FIELD_COLUMNS.map((columns) => joined(open!.values, columns)),
        ),
      );
  };
  for (const row of rows) {
    const code = row.values[HCPC]!.trim();
    const recid = row.values[RECID]!.trim();
    if (!/^[A-Z0-9]{2,5}$/.test(code)) {
      throw new ParseError(source, `HCPC "${code}" is not a 2- to 5-character code`, row.lineNumber);
    }
    if (!/^\d{1,5}$/.test(row.values[SEQNUM]!.trim())) {
      throw new ParseError(source, `SEQNUM "${row.values[SEQNUM]}" is not a number`, row.lineNumber);
    }
    if (recid === "3" || recid === "7") {
      const first = seen.get(code);
      if (first !== undefined) {
        throw new ParseError(
          source,
          `code ${code} opens again (first at line ${first}); expected one record per code`,
          row.lineNumber,
        );
      }
      seen.set(code, row.lineNumber);
      close();
      open = { code, values: row.values.map((value) => value.trim()), lineNumber: row.lineNumber };
    } else if (recid === "4" || recid === "8") {
      if (open?.code !== code) {
        throw new ParseError(
          source,
          `continuation row for ${code} does not follow that code's first row (RECID 3 or 7)`,
          row.lineNumber,
        );
      }
      const more = row.values[LONG_DESCRIPTION]!.trim();
      if (more) open.values[LONG_DESCRIPTION] = `${open.values[LONG_DESCRIPTION]} ${more}`.trim();
    } else {
      throw new ParseError(source, `RECID "${recid}" is not 3, 4, 7 or 8`, row.lineNumber);
    }
  }
  close();
  if (lines.length === 0) throw new ParseError(source, "no HCPCS records; expected ANWEB rows");
  lines.sort();
  return { system: HCPCS.system, version, fields: FIELD_NAMES, lines };
}

function joined(values: readonly string[], columns: readonly number[]): string {
  if (columns.length === 1) return values[columns[0]!] ?? "";
  return columns
    .map((column) => values[column] ?? "")
    .filter((value) => value !== "")
    .join(" ");
}

function anwebRows(bytes: Buffer, source: string): AnwebRow[] {
  if (bytes.length === 0)
    throw new ParseError(source, "empty file; expected an HCPCS ANWEB CSV, TXT or XLSX");
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return tabularRows(workbookRows(bytes, source), source, 1);
  }
  const text = releaseText(bytes).replace(/^\uFEFF/, "");
  if (/^\s*"?HCPC"?\s*,/.test(text)) {
    let rows: string[][];
    try {
      rows = parseCsv(text, { relax_column_count: false, skip_empty_lines: true, trim: false });
    } catch (error) {
      throw new ParseError(source, `not a readable CSV: ${(error as Error).message}`);
    }
    return tabularRows(rows, source, 1);
  }
  return fixedWidthRows(bytes, source);
}

function workbookRows(bytes: Buffer, source: string): string[][] {
  try {
    return firstSheetRows(bytes);
  } catch (error) {
    throw new ParseError(source, `not a readable XLSX workbook: ${(error as Error).message}`);
  }
}

/** CSV or sheet rows: the first row must be the ANWEB header, exactly. */
function tabularRows(rows: readonly string[][], source: string, firstLine: number): AnwebRow[] {
  const [header, ...data] = rows;
  const expected = ANWEB_COLUMNS.map((column) => column.header);
  const got = (header ?? []).map((name) => name.trim().toUpperCase());
  while (got.length > expected.length && got[got.length - 1] === "") got.pop();
  if (got.join("|") !== expected.join("|")) {
    throw new ParseError(
      source,
      `unknown header; expected the ${expected.length} ANWEB columns ${expected.join(",")}; got ${got.join(",")}`,
      firstLine,
    );
  }
  const result: AnwebRow[] = [];
  data.forEach((values, i) => {
    if (values.every((value) => value.trim() === "")) return;
    const row = values.slice(0, expected.length);
    while (row.length < expected.length) row.push("");
    result.push({ values: row, lineNumber: firstLine + 1 + i });
  });
  return result;
}

function fixedWidthRows(bytes: Buffer, source: string): AnwebRow[] {
  const rows: AnwebRow[] = [];
  releaseLines(bytes).forEach((raw, i) => {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line.trim() === "") return;
    if (line.length < ANWEB_RECORD_DATA_END || !/^[A-Z0-9 ]{5}[\d ]{5}[3478]/.test(line)) {
      throw new ParseError(
        source,
        `expected an ANWEB record: HCPC in columns 1-5, SEQNUM 6-10, RECID 3/4/7/8 in 11, data through column ${ANWEB_RECORD_DATA_END} (or the CSV/XLSX header); got "${line.slice(0, 60)}" (${line.length} columns)`,
        i + 1,
      );
    }
    rows.push({
      values: ANWEB_COLUMNS.map((column) => line.slice(column.from - 1, column.to)),
      lineNumber: i + 1,
    });
  });
  return rows;
}
