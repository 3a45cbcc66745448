import { ParseError } from "../core/parse-error.js";
import type { ReleasePayload } from "../core/release.js";
import { releaseText } from "../core/release-text.js";

/*
 * CMS's ICD-10-CM/PCS order file, line by line: order number in columns 1-5, code in 7-13
 * (undotted, left-aligned), valid flag in 15, short title in 17-76 (padded), long title from 78.
 */

const LAYOUT =
  "an order-file line: order number in columns 1-5, code in 7-13, valid flag 0 or 1 in 15, short title in 17-76, long title from 78";
export const SPACE = 0x20;
export const CR = 0x0d;
export const LF = 0x0a;
export const TAB = 0x09;
export const ZERO = 0x30;
export const ONE = 0x31;
const NINE = 0x39;
const UPPER_A = 0x41;
const UPPER_Z = 0x5a;
/** Column 78 (1-based) is where the long title starts: a shorter line was cut. */
export const LONG_TITLE_AT = 77;
/** Column 7 (1-based), where the code starts. */
export const CODE_AT = 6;
/** Column 15 (1-based), the valid flag. */
export const VALID_FLAG_AT = 14;
/** Column 17 (1-based), where the short title starts; it is padded to column 76. */
export const SHORT_TITLE_AT = 16;
export const SHORT_TITLE_END = 76;

/** How parse errors name an order file. */
export function orderFileSource(payload: ReleasePayload, system: string): string {
  return `${system} order file ${payload.name}`;
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
 * tab before `end` can only be on this line.
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

/** Whether columns 1-5 of the line at `start` hold the order number's five digits. */
function hasOrderNumber(bytes: Buffer, start: number): boolean {
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

export function trimmedEnd(bytes: Buffer, start: number, end: number): number {
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

export function duplicate(code: string, bytes: Buffer, source: string): ParseError {
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
