import { parse } from "csv-parse/sync";
import { ParseError } from "../core/parse-error.js";
import type { ReleasePayload } from "../core/release.js";
import { releaseText } from "../core/release-text.js";
import { type CodeSetSnapshot, toLine } from "../core/snapshot.js";
import { NCCI_MUE } from "./mue-rules.js";

/** The three MUE tables, as each names its value column. */
export const MUE_TABLES = {
  practitioner: "Practitioner Services",
  hospital: "Outpatient Hospital Services",
  dme: "DME Supplier Services",
} as const;

export type MueTable = keyof typeof MUE_TABLES;

const CODE = /^[0-9A-Z]{5}$/;
const VALUE = /^\d+$/;
const INDICATOR = /^[123]\b/;

/**
 * One MUE table (CSV): an AMA notice in one multi-line quoted cell, a header whose first cell
 * wraps ("HCPCS/\nCPT Code"), then code, MUE value, adjudication indicator and rationale. The
 * notice is read past, never kept. The effective date is only in the file name
 * (`…_Eff_07-01-2026.csv`), so a file for another quarter is refused rather than mislabelled.
 */
export function parseMueFile(
  payload: ReleasePayload,
  table: MueTable,
  version: string,
  effectiveDate?: string,
): CodeSetSnapshot {
  const source = `NCCI MUE ${payload.name}`;
  const named = effectiveDateOfName(payload.name);
  if (named && effectiveDate && named !== effectiveDate) {
    throw new ParseError(
      source,
      `the file name says effective ${named}, the release is effective ${effectiveDate}`,
    );
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(releaseText(payload.bytes), {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    throw new ParseError(source, `not readable as CSV: ${(error as Error).message}`);
  }
  const header = records.findIndex(({ record }) => /MUE Values/i.test(record[1] ?? ""));
  if (header < 0 || header > 5) {
    throw new ParseError(
      source,
      "no header with an 'MUE Values' column in the first records: not an MUE table",
    );
  }
  const valueColumn = records[header]!.record[1]!.replace(/\s+/g, " ").trim();
  if (!valueColumn.toLowerCase().startsWith(MUE_TABLES[table].toLowerCase())) {
    throw new ParseError(source, `expected the ${MUE_TABLES[table]} table, the header says "${valueColumn}"`);
  }
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const { record, info } of records.slice(header + 1)) {
    const [code = "", value = "", indicator = "", rationale = ""] = record.map((cell) => cell.trim());
    if (!CODE.test(code))
      throw new ParseError(source, `expected a 5-character code, got "${code}"`, info.lines);
    if (!VALUE.test(value))
      throw new ParseError(source, `MUE value must be a whole number, got "${value}"`, info.lines);
    if (!INDICATOR.test(indicator)) {
      throw new ParseError(
        source,
        `adjudication indicator must start with 1, 2 or 3, got "${indicator}"`,
        info.lines,
      );
    }
    if (seen.has(code)) throw new ParseError(source, `code ${code} is listed twice`, info.lines);
    seen.add(code);
    lines.push(toLine(code, [value, indicator, rationale]));
  }
  lines.sort();
  return { system: NCCI_MUE.system, version, fields: NCCI_MUE.fields, lines };
}

/** `MCR_MUE_PractitionerServices_Eff_07-01-2026.csv` → `2026-07-01`. */
export function effectiveDateOfName(name: string): string | undefined {
  const match = /Eff_(\d{2})-(\d{2})-(\d{4})/i.exec(name);
  return match ? `${match[3]}-${match[1]}-${match[2]}` : undefined;
}
