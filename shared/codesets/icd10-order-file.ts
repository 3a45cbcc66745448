import type { CodeSystemRules } from "../core/code-system.js";
import { ParseError } from "../core/parse-error.js";
import type { ReleasePayload } from "../core/release.js";
import { releaseText } from "../core/release-text.js";
import { type CodeSetSnapshot, FIELD_SEPARATOR, keyOf } from "../core/snapshot.js";

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

const LAYOUT =
  "an order-file line: order number in columns 1-5, code in 7-13, valid flag 0 or 1 in 15, short title in 17-76, long title from 78";
const SPACE = 0x20;
const CR = 0x0d;
const LF = 0x0a;
const TAB = 0x09;
const ZERO = 0x30;
const ONE = 0x31;
const NINE = 0x39;
const UPPER_A = 0x41;
const UPPER_Z = 0x5a;
/** Column 78 (1-based) is where the long title starts: a shorter line was cut. */
const LONG_TITLE_AT = 77;
/** Column 7 (1-based), where the code starts. */
export const CODE_AT = 6;
/** Column 15 (1-based), the valid flag. */
export const VALID_FLAG_AT = 14;

/**
 * CMS's ICD-10-CM/PCS "order file" (`icd10cm_order_YYYY.txt`, `icd10pcs_order_YYYY.txt`): one
 * fixed-width line per code or header in tabular order. Any line that is not in that layout fails
 * the whole file, because a CSV, an HTML error page or a truncated download must never read as a
 * release in which every code was deleted.
 */
export function parseIcd10OrderFile(
  payload: ReleasePayload,
  rules: CodeSystemRules,
  version: string,
): CodeSetSnapshot {
  const source = orderFileSource(payload, rules);
  const bytes = payload.bytes;
  let start = firstLineStart(bytes, source);
  const tabAt = firstTab(bytes);
  // Snapshot lines are written as bytes into one buffer and decoded once: building ~94,000 lines
  // by string concatenation costs several times the rest of the parse.
  const out = Buffer.allocUnsafe(bytes.length + 16);
  let at = 0;
  let sorted = true;
  let previousCode = -1;
  let previousCodeEnd = -1;
  for (let lineNumber = 1; start < bytes.length; lineNumber++) {
    let end = bytes.indexOf(LF, start);
    if (end < 0) end = bytes.length;
    const next = end + 1;
    if (bytes[end - 1] === CR) end--;
    const codeEnd = checkedOrderLine(bytes, start, end, tabAt, source, lineNumber);
    const shortStart = start + 16;
    const shortEnd = trimmedEnd(bytes, shortStart, start + 76);
    const longStart = start + LONG_TITLE_AT;
    const longEnd = trimmedEnd(bytes, longStart, end);
    if (sorted && previousCode >= 0) {
      if (compareBytes(bytes, previousCode, previousCodeEnd, start + 6, codeEnd) >= 0) sorted = false;
    }
    previousCode = start + 6;
    previousCodeEnd = codeEnd;
    for (let c = start + 6; c < codeEnd; c++) out[at++] = bytes[c]!;
    out[at++] = TAB;
    out[at++] = bytes[start + 14]!;
    out[at++] = TAB;
    // Byte loops, not Buffer#copy: for 60-byte titles its per-call cost dominates the parse.
    for (let c = shortStart; c < shortEnd; c++) out[at++] = bytes[c]!;
    out[at++] = TAB;
    for (let c = longStart; c < longEnd; c++) out[at++] = bytes[c]!;
    out[at++] = LF;
    start = next;
  }
  const lines = releaseText(out.subarray(0, at - 1)).split("\n");
  // Tabular order is code order except where CMS files a block out of sequence (C4A after C43).
  if (!sorted) {
    lines.sort();
    for (let i = 1; i < lines.length; i++) {
      const code = keyOf(lines[i]!);
      if (code === keyOf(lines[i - 1]!)) throw duplicate(code, bytes, source);
    }
  }
  return { system: rules.system, version, fields: FIELDS, lines };
}

/** How parse errors name an order file. */
export function orderFileSource(payload: ReleasePayload, rules: CodeSystemRules): string {
  return `${rules.system} order file ${payload.name}`;
}

/** Where the first line starts (after a UTF-8 byte order mark); a file with no text fails here. */
export function firstLineStart(bytes: Buffer, source: string): number {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (!hasText(bytes, start)) throw new ParseError(source, `empty file; expected ${LAYOUT}`);
  return start;
}

/**
 * Where the file's first tab is, or its length when it has none. Asked once per file so the
 * per-line check need not walk every title byte looking for a tab that real files never carry.
 */
export function firstTab(bytes: Buffer): number {
  const at = bytes.indexOf(TAB);
  return at < 0 ? bytes.length : at;
}

/**
 * Checks one line (`start` to `end`, without its line break) against the layout and returns where
 * its code ends. `tabAt` is {@link firstTab} of the file: lines before it have already passed, so a
 * tab before `end` can only be on this line. The parser and the unchanged-line prefilter of the
 * diff both check every line here, so both reject the same files with the same message.
 */
export function checkedOrderLine(
  bytes: Buffer,
  start: number,
  end: number,
  tabAt: number,
  source: string,
  lineNumber: number,
): number {
  const length = end - start;
  if (length <= LONG_TITLE_AT) {
    const what = length === 0 ? "empty line" : `line ends at column ${length}, before the long title`;
    throw layoutError(what, bytes, start, end, source, lineNumber);
  }
  if (!hasOrderNumber(bytes, start)) {
    throw layoutError("order number is not 5 digits", bytes, start, end, source, lineNumber);
  }
  let codeEnd = start + 6;
  while (codeEnd < start + 13 && isCodeChar(bytes[codeEnd]!)) codeEnd++;
  for (let c = codeEnd; c < start + 13; c++) {
    if (bytes[c] !== SPACE) codeEnd = -1;
  }
  if (codeEnd < start + 9) {
    throw layoutError("code is not 3 to 7 letters or digits", bytes, start, end, source, lineNumber);
  }
  const valid = bytes[start + 14];
  if (valid !== ZERO && valid !== ONE)
    throw layoutError("valid flag is not 0 or 1", bytes, start, end, source, lineNumber);
  // Spelled out, not a loop over an array literal: this runs once per line of every release.
  if (
    bytes[start + 5] !== SPACE ||
    bytes[start + 13] !== SPACE ||
    bytes[start + 15] !== SPACE ||
    bytes[start + 76] !== SPACE
  ) {
    throw layoutError("columns 6, 14, 16 and 77 must be blank", bytes, start, end, source, lineNumber);
  }
  if (tabAt < end) {
    for (let c = start + 16; c < end; c++) {
      // A tab inside a fixed-width line is a stray byte that would split a snapshot field.
      if (bytes[c] === TAB)
        throw layoutError("a title contains a tab", bytes, start, end, source, lineNumber);
    }
  }
  if (isBlank(bytes, start + 16, start + 76) || isBlank(bytes, start + LONG_TITLE_AT, end)) {
    throw layoutError("a title is blank", bytes, start, end, source, lineNumber);
  }
  return codeEnd;
}

function compareBytes(bytes: Buffer, aStart: number, aEnd: number, bStart: number, bEnd: number): number {
  for (let a = aStart, b = bStart; a < aEnd && b < bEnd; a++, b++) {
    if (bytes[a] !== bytes[b]) return bytes[a]! - bytes[b]!;
  }
  return aEnd - aStart - (bEnd - bStart);
}

/**
 * Whether columns 1-5 of the line at `start` hold the order number's five digits. A line whose bytes
 * from column 6 on equal a line that passed {@link checkedOrderLine} needs only this check.
 */
export function hasOrderNumber(bytes: Buffer, start: number): boolean {
  for (let c = start; c < start + 5; c++) {
    const ch = bytes[c]!;
    if (!(ch >= ZERO && ch <= NINE)) return false;
  }
  return true;
}

/** Scans from the front: a title's first byte is almost never a space, so this stops at once. */
function isBlank(bytes: Buffer, start: number, end: number): boolean {
  for (let at = start; at < end; at++) if (bytes[at] !== SPACE) return false;
  return true;
}

function hasText(bytes: Buffer, from: number): boolean {
  for (let at = from; at < bytes.length; at++) if (bytes[at]! > SPACE) return true;
  return false;
}

function trimmedEnd(bytes: Buffer, start: number, end: number): number {
  let at = end;
  while (at > start && bytes[at - 1] === SPACE) at--;
  return at;
}

function layoutError(
  what: string,
  bytes: Buffer,
  start: number,
  end: number,
  source: string,
  lineNumber: number,
): ParseError {
  const got = releaseText(bytes.subarray(start, Math.min(end, start + 90)));
  return new ParseError(source, `${what}; expected ${LAYOUT}; got "${got}"`, lineNumber);
}

function isCodeChar(ch: number): boolean {
  return (ch >= ZERO && ch <= NINE) || (ch >= UPPER_A && ch <= UPPER_Z);
}

function duplicate(code: string, bytes: Buffer, source: string): ParseError {
  const lineNumbers: number[] = [];
  releaseText(bytes)
    .split("\n")
    .forEach((raw, i) => {
      if (raw.slice(6, 13).trim() === code) lineNumbers.push(i + 1);
    });
  return new ParseError(
    source,
    `code ${code} appears more than once (lines ${lineNumbers.join(", ")}); expected one line per code`,
    lineNumbers[1],
  );
}
