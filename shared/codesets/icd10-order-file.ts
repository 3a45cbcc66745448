import type { CodeSystemRules } from "../core/code-system.js";
import type { ReleasePayload } from "../core/release.js";
import { type CodeSetSnapshot, FIELD_SEPARATOR, snapshotInPlace } from "../core/snapshot.js";
import { ONE, orderFileSource } from "./order-file-layout.js";
import { OrderFileRecords } from "./order-file-records.js";

const FIELDS = ["valid", "shortTitle", "longTitle"] as const;

/** The valid flag sits right after the key in a snapshot line: read it without splitting. */
function orderFileCategoryOfLine(line: string) {
  return line.charCodeAt(line.indexOf(FIELD_SEPARATOR) + 1) === ONE ? ("code" as const) : ("header" as const);
}

const CODES = { one: "code", many: "codes" } as const;

export const ICD10CM: CodeSystemRules = {
  system: "icd10cm",
  label: "ICD-10-CM",
  family: "icd10cm",
  // Coders write ICD-10-CM with a dot after the category (I63.81); CMS files carry it undotted.
  displayCode: (key) => (key.length > 3 ? `${key.slice(0, 3)}.${key.slice(3)}` : key),
  recordNoun: CODES,
  apartNoun: "header lines",
  minorRevisionNoun: "abbreviated-title-only revisions",
  cliDiff: { sides: "file" },
  fields: FIELDS,
  categoryOf: (f) => (f[0] === "1" ? "code" : "header"),
  categoryOfLine: orderFileCategoryOfLine,
  titleOf: (f) => f[2] ?? "",
  // CMS's published "revised" counts are long-title revisions (FY2019 CM: 143 = 128 both titles + 15
  // long only; FY2018 PCS: 1,821 = 1,808 + 13, leaving out 227 abbreviated-title-only changes).
  // An abbreviated title alone is still reported, just not counted as a revised code.
  classify: (before, after) =>
    before[0] === "1" && after[0] === "1" && before[1] !== after[1] && before[2] === after[2]
      ? { changeType: "revised", reason: "short-title-only", counted: false }
      : undefined,
};
/** Same order-file layout and counting as ICD-10-CM; a PCS code is written as published, undotted. */
export const ICD10PCS: CodeSystemRules = {
  ...ICD10CM,
  system: "icd10pcs",
  label: "ICD-10-PCS",
  family: "icd10pcs",
  displayCode: (key) => key,
};

/**
 * CMS's ICD-10-CM/PCS "order file" (`icd10cm_order_YYYY.txt`, `icd10pcs_order_YYYY.txt`): one
 * fixed-width line per code or header in tabular order. Any line that is not in that layout fails
 * the whole file, because a CSV, an HTML error page or a truncated download must never read as a
 * release in which every code was deleted. The snapshot keeps its records in place in the file
 * (see {@link OrderFileRecords}): two releases diff without building the lines they share, and
 * `lines` is built when something reads it, e.g. to store the snapshot.
 */
export function parseIcd10OrderFile(
  payload: ReleasePayload,
  rules: CodeSystemRules,
  version: string,
): CodeSetSnapshot {
  // The valid flag is the category; the rules say which flag counts as a code.
  const codeFlags = [rules.categoryOf(["0"]) === "code", rules.categoryOf(["1"]) === "code"] as const;
  const records = new OrderFileRecords(payload.bytes, codeFlags, orderFileSource(payload, rules.system));
  return snapshotInPlace({ system: rules.system, version, fields: FIELDS }, records);
}
