import { hasBatches, type LineBatches, lineBatches } from "../core/line-batches.js";
import { ParseError } from "../core/parse-error.js";
import { keyOf } from "../core/snapshot.js";
import { hasBlocks } from "./latin1-lines.js";
import { NO_DELETION, PAIR_SEPARATOR } from "./ptp-rules.js";

/** One part file of a PTP table as lines (CRLF already split off or not), with what CMS announced for it. */
export interface PtpPartLines {
  readonly name: string;
  /** Plain lines, or `latin1Lines` of the part's bytes: then rows are checked on the bytes. */
  readonly lines: AsyncIterable<string> | Iterable<string>;
  /** Record count from the CMS page's link text; a part holding fewer rows was cut short. */
  readonly announcedRecords?: number;
}

const TAB = 9;
const LF = 10;
const CR = 13;
const STAR = 42;
const COLON = 58;
const ZERO = 48;
const ONE = 49;
const NINE = 57;
const UPPER_A = 65;
const UPPER_Z = 90;
const FIELD_COUNT = 7;
/** Rows gathered from a source that gives one line at a time, before they are handed on. */
const BATCH_LINES = 4096;

/**
 * Reads the parts of one NCCI PTP table (practitioner or hospital) into snapshot lines
 * `col1:col2\tpriorTo1996\teffective\tdeletion\tmodifier\trationale`, sorted by pair.
 *
 * Each part opens with the AMA notice and a header whose cells wrap over several lines; the rows
 * after it are tab-delimited, already in (column 1, column 2) order across the parts, which is
 * what lets a multi-million-row table stream through without being sorted or held in memory.
 * Rows are handed on an input chunk at a time ({@link LineBatches}), never awaited one by one.
 */
export function readPtpEdits(
  source: string,
  parts: Iterable<PtpPartLines> | AsyncIterable<PtpPartLines>,
  onPartStart?: PartStart,
): LineBatches {
  // Pairs are checked in order as they are read, and a pair is the snapshot line's key.
  return lineBatches(() => ptpEditBatches(source, parts, onPartStart), { keysAscending: true });
}

/** Told the pair of each part's first row: the part an edit lives in is the one whose range holds its pair. */
export type PartStart = (index: number, firstPair: string) => void;

async function* ptpEditBatches(
  source: string,
  parts: Iterable<PtpPartLines> | AsyncIterable<PtpPartLines>,
  onPartStart: PartStart | undefined,
): AsyncGenerator<string[]> {
  const table = new PtpTable(source, onPartStart);
  for await (const part of parts) {
    table.startPart(part);
    const lines = part.lines;
    if (hasBlocks(lines)) {
      for await (const block of lines.blocks()) {
        const rows = table.block(block);
        if (rows.length > 0) yield rows;
      }
    } else if (hasBatches(lines)) {
      for await (const batch of lines.batches()) {
        const rows = table.lines(batch);
        if (rows.length > 0) yield rows;
      }
    } else {
      let batch: string[] = [];
      for await (const line of lines) {
        const completed = table.line(line);
        if (completed === undefined) continue;
        batch.push(completed);
        if (batch.length === BATCH_LINES) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    }
    table.endPart();
  }
  const last = table.finish();
  if (last !== undefined) yield [last];
}

/** The same reading over parts already in memory (tests, small tables). */
export function parsePtpEdits(
  source: string,
  parts: Iterable<PtpPartLines & { lines: Iterable<string> }>,
): string[] {
  const table = new PtpTable(source);
  const lines: string[] = [];
  for (const part of parts) {
    table.startPart(part);
    for (const line of part.lines) {
      const completed = table.line(line);
      if (completed !== undefined) lines.push(completed);
    }
    table.endPart();
  }
  const last = table.finish();
  if (last !== undefined) lines.push(last);
  return lines;
}

/**
 * The state of reading a PTP table part by part. A pair can appear twice when CMS deleted an edit
 * and later added it again; those rows are adjacent, and the one with the later effective date
 * is the edit in force, so one line per pair is kept.
 *
 * A row is checked either on its string ({@link line}: in-memory parts, the header, and every
 * error message) or on the bytes it was decoded from ({@link block}: the streamed quarter). Both
 * apply the same rules; the byte check hands any row it does not accept to the string one, so
 * there is one wording of every error. Pairs and effective dates are compared as numbers, which
 * both checks read off the row as they go.
 */
class PtpTable {
  private part: PtpPartLines | undefined;
  private lineNumber = 0;
  private rowsInPart = 0;
  private sawHeader = false;
  private inRows = false;
  /** The last row's snapshot line, held until the next row shows it is not superseded. */
  private pending: string | undefined;
  private hasPending = false;
  private pendingColumn1 = 0;
  private pendingColumn2 = 0;
  private pendingEffective = 0;
  private partIndex = -1;

  constructor(
    private readonly source: string,
    private readonly onPartStart?: PartStart,
  ) {}

  startPart(part: PtpPartLines): void {
    this.part = part;
    this.partIndex++;
    this.lineNumber = 0;
    this.rowsInPart = 0;
    this.sawHeader = false;
    this.inRows = false;
  }

  /** The snapshot lines these raw lines complete, in order. */
  lines(raws: readonly string[]): string[] {
    const completed: string[] = [];
    for (let i = 0; i < raws.length; i++) {
      const line = this.line(raws[i]!);
      if (line !== undefined) completed.push(line);
    }
    return completed;
  }

  /** Returns a finished snapshot line when this row closes the previous pair. */
  line(raw: string): string | undefined {
    this.lineNumber++;
    const end = raw.charCodeAt(raw.length - 1) === CR ? raw.length - 1 : raw.length;
    const first = !this.inRows;
    if (first && !this.startsRows(raw)) return undefined;
    if (end === 0) return undefined;
    const effective = this.checkRow(raw, end);
    if (first)
      this.onPartStart?.(this.partIndex, keyOf(`${raw.slice(0, 5)}${PAIR_SEPARATOR}${raw.slice(6, end)}`));
    const verdict = this.nextRow(codeOf(raw, 0), codeOf(raw, 6), dateOf(raw, effective));
    if (verdict === DROPPED) return undefined;
    const completed = verdict === FOLLOWS ? this.pending : undefined;
    this.pending = `${raw.slice(0, 5)}${PAIR_SEPARATOR}${raw.slice(6, end)}`;
    return completed;
  }

  /**
   * The snapshot lines a block of whole lines' bytes ({@link Latin1Lines}) completes, in order.
   * Rows are found, checked and compared on the bytes, no string made per raw line; the kept
   * ones get their ":" in a copy of the bytes, which is decoded and split once, so each snapshot
   * line is a plain substring rather than a concatenation to be flattened later.
   */
  block(bytes: Buffer): string[] {
    const completed: string[] = [];
    const length = bytes.length;
    let start = 0;
    // The notice and header, and the first row after them, go the string way: a few lines a part.
    while (!this.inRows && start <= length) {
      const end = lineEnd(bytes, start);
      const line = this.line(bytes.toString("latin1", start, end));
      if (line !== undefined) completed.push(line);
      start = end + 1;
    }
    if (start > length) return completed;
    const first = start;
    const patched = this.scratchOf(length);
    bytes.copy(patched, 0, 0, length);
    const words = new DataView(bytes.buffer, bytes.byteOffset, length);
    // The pending row from before this block, as a string; within the block it is a line index.
    let carried = this.pending;
    let pendingIndex = -1;
    /** Line indexes (counted from `first`) of the completed rows, in order; -1 is `carried`. */
    const emitted: number[] = [];
    // No blank line and no pair listed twice: the completed rows are simply every line but the last.
    let everyLine = true;
    let allCrlf = true;
    for (let index = 0; start <= length; index++) {
      this.lineNumber++;
      let end = checkedRowEnd(bytes, words, start, length);
      let { column1, column2, effective } = scanned;
      if (end < 0) {
        // Not a well-formed row: a blank line, or a bad row the string check names.
        end = lineEnd(bytes, start);
        const raw = bytes.toString("latin1", start, end);
        const textEnd = raw.charCodeAt(raw.length - 1) === CR ? raw.length - 1 : raw.length;
        if (textEnd === 0) {
          if (textEnd === raw.length) allCrlf = false;
          everyLine = false;
          start = end + 1;
          continue;
        }
        const effectiveAt = this.checkRow(raw, textEnd);
        column1 = codeOf(raw, 0);
        column2 = codeOf(raw, 6);
        effective = dateOf(raw, effectiveAt);
      }
      if (bytes[end - 1] !== CR) allCrlf = false;
      const verdict = this.nextRow(column1, column2, effective);
      if (verdict !== DROPPED) {
        if (verdict === FOLLOWS) {
          if (pendingIndex >= 0) emitted.push(pendingIndex);
          else if (carried !== undefined) emitted.push(-1);
        } else {
          everyLine = false;
          if (pendingIndex < 0) carried = undefined;
        }
        pendingIndex = index;
        patched[start + 5] = COLON;
      } else {
        everyLine = false;
      }
      start = end + 1;
    }
    if (pendingIndex < 0) {
      this.pending = carried;
      return completed;
    }
    // With every line ending in CR, splitting on CRLF drops the CRs without a slice per line.
    const rows = allCrlf
      ? patched.toString("latin1", first, length - 1).split("\r\n")
      : patched.toString("latin1", first, length).split("\n");
    const rowAt = (index: number): string => {
      const row = rows[index]!;
      return allCrlf || row.charCodeAt(row.length - 1) !== CR ? row : row.slice(0, -1);
    };
    if (everyLine && allCrlf && completed.length === 0) {
      this.pending = rows.pop();
      if (carried !== undefined) rows.unshift(carried);
      return rows;
    }
    for (const index of emitted) completed.push(index < 0 ? carried! : rowAt(index));
    this.pending = rowAt(pendingIndex);
    return completed;
  }

  /** One buffer reused for every block's patched copy: it only lives until the copy is decoded. */
  private scratchOf(length: number): Buffer {
    if (this.scratch.length < length)
      this.scratch = Buffer.allocUnsafe(Math.max(length, 2 * this.scratch.length));
    return this.scratch;
  }

  private scratch = Buffer.alloc(0);

  endPart(): void {
    const part = this.part!;
    if (!this.sawHeader) this.fail("no 'Column 1 / Column 2' header: not an NCCI PTP file");
    if (this.rowsInPart === 0) this.fail("the part holds no edits");
    if (part.announcedRecords !== undefined && part.announcedRecords !== this.rowsInPart) {
      this.fail(
        `holds ${this.rowsInPart} records, the CMS page announces ${part.announcedRecords}: a cut-off or mismatched part`,
      );
    }
  }

  finish(): string | undefined {
    return this.pending;
  }

  /** Whether this line, read before the rows, is the first row: skips the notice and the header. */
  private startsRows(text: string): boolean {
    if (text.startsWith("Column 1\tColumn 2")) {
      this.sawHeader = true;
      return false;
    }
    if (!this.sawHeader || !isRow(text)) {
      if (this.lineNumber > 40)
        this.fail("no 'Column 1 / Column 2' header and rows within the first 40 lines");
      return false;
    }
    this.inRows = true;
    return true;
  }

  /**
   * Takes the next row's pair and effective date: counts it, fails it if it sorts before the
   * pending pair, and says what becomes of it. The same pair listed again replaces the pending
   * row unless its effective date is earlier.
   */
  private nextRow(column1: number, column2: number, effective: number): RowVerdict {
    this.rowsInPart++;
    let verdict: RowVerdict = FOLLOWS;
    if (this.hasPending) {
      const order = column1 - this.pendingColumn1 || column2 - this.pendingColumn2;
      if (order < 0) {
        this.fail(
          `pair ${pairText(column1, column2)} comes after ${pairText(this.pendingColumn1, this.pendingColumn2)}: rows are not in column 1, column 2 order`,
        );
      }
      if (order === 0) {
        if (effective < this.pendingEffective) return DROPPED;
        verdict = REPLACES;
      }
    }
    this.hasPending = true;
    this.pendingColumn1 = column1;
    this.pendingColumn2 = column2;
    this.pendingEffective = effective;
    return verdict;
  }

  /**
   * `0001A\t0591T\t\t20220101\t*\t1\trationale` (up to `end`, before any CR), checked field by
   * field; returns where the effective date starts.
   */
  private checkRow(text: string, end: number): number {
    const t1 = text.indexOf("\t");
    const t2 = t1 < 0 ? -1 : text.indexOf("\t", t1 + 1);
    const t3 = t2 < 0 ? -1 : text.indexOf("\t", t2 + 1);
    const t4 = t3 < 0 ? -1 : text.indexOf("\t", t3 + 1);
    const t5 = t4 < 0 ? -1 : text.indexOf("\t", t4 + 1);
    const t6 = t5 < 0 ? -1 : text.indexOf("\t", t5 + 1);
    if (t6 < 0 || text.indexOf("\t", t6 + 1) >= 0) {
      this.fail(`expected ${FIELD_COUNT} tab-separated fields, got ${text.slice(0, end).split("\t").length}`);
    }
    if (!isCode(text, 0, t1) || !isCode(text, t1 + 1, t2)) {
      this.fail(`expected two 5-character codes, got "${text.slice(0, t1)}" and "${text.slice(t1 + 1, t2)}"`);
    }
    if (!(t3 === t2 + 1 || (t3 === t2 + 2 && text.charCodeAt(t2 + 1) === STAR))) {
      this.fail(`prior-to-1996 flag must be "*" or empty, got "${text.slice(t2 + 1, t3)}"`);
    }
    if (!isDate(text, t3 + 1, t4)) {
      this.fail(`effective date must be YYYYMMDD, got "${text.slice(t3 + 1, t4)}"`);
    }
    if (!(t5 === t4 + 2 && text.charCodeAt(t4 + 1) === STAR) && !isDate(text, t4 + 1, t5)) {
      this.fail(`deletion date must be YYYYMMDD or "${NO_DELETION}", got "${text.slice(t4 + 1, t5)}"`);
    }
    const modifier = text.charCodeAt(t5 + 1);
    if (t6 !== t5 + 2 || (modifier !== ZERO && modifier !== ONE && modifier !== NINE)) {
      this.fail(`modifier indicator must be 0, 1 or 9, got "${text.slice(t5 + 1, t6)}"`);
    }
    return t3 + 1;
  }

  private fail(detail: string): never {
    throw new ParseError(`${this.source} ${this.part?.name ?? ""}`.trim(), detail, this.lineNumber);
  }
}

/** What a row does to the pending one. */
type RowVerdict = 0 | 1 | 2;
/** The same pair again with an earlier effective date: not the edit in force. */
const DROPPED = 0;
/** The same pair again, in force from the same date or later: it replaces the pending row. */
const REPLACES = 1;
/** A later pair (or the first): the pending row, if any, is complete. */
const FOLLOWS = 2;

/**
 * Where the line starting at `start` ends (its LF, or the block's end) when it is a well-formed
 * row by the rules of `checkRow`, else -1. Any CR before the LF is left in the rationale, as the
 * string check leaves it. Reading at the block's end is safe: past a Buffer is undefined, which
 * no field accepts.
 */
function checkedRowEnd(bytes: Buffer, words: DataView, start: number, length: number): number {
  const column1 = codeValue(bytes, start);
  if (column1 < 0 || bytes[start + 5] !== TAB) return -1;
  const column2 = codeValue(bytes, start + 6);
  if (column2 < 0 || bytes[start + 11] !== TAB) return -1;
  let at = start + 12;
  if (bytes[at] === STAR) at++;
  if (bytes[at++] !== TAB) return -1;
  const effective = dateValue(bytes, at);
  if (effective < 0) return -1;
  at += 8;
  if (bytes[at++] !== TAB) return -1;
  if (bytes[at] === STAR) at++;
  else if (dateValue(bytes, at) >= 0) at += 8;
  else return -1;
  if (bytes[at++] !== TAB) return -1;
  const modifier = bytes[at++];
  if (modifier !== ZERO && modifier !== ONE && modifier !== NINE) return -1;
  if (bytes[at++] !== TAB) return -1;
  // The rationale: anything up to the line's end but another tab. It is most of the row's bytes,
  // so they are skipped four at a time while none of the four is a tab or a line feed (the
  // classic "has a zero byte" test on the word XORed with each), then read one by one.
  while (at + 4 <= length) {
    const word = words.getUint32(at);
    const tabs = word ^ 0x09090909;
    const feeds = word ^ 0x0a0a0a0a;
    if ((((tabs - 0x01010101) & ~tabs) | ((feeds - 0x01010101) & ~feeds)) & 0x80808080) break;
    at += 4;
  }
  for (; at < length; at++) {
    const c = bytes[at];
    if (c === LF) break;
    if (c === TAB) return -1;
  }
  scanned.column1 = column1;
  scanned.column2 = column2;
  scanned.effective = effective;
  return at;
}

/** What {@link checkedRowEnd} read off the last row it accepted, kept to spare reading it twice. */
const scanned = { column1: 0, column2: 0, effective: 0 };

/** A 5-character code (0-9, A-Z) as a number that sorts as the code does (its bytes, big-endian), or -1. */
function codeValue(bytes: Buffer, at: number): number {
  let value = 0;
  for (let i = at; i < at + 5; i++) {
    const c = bytes[i]!;
    if (!((c >= ZERO && c <= NINE) || (c >= UPPER_A && c <= UPPER_Z))) return -1;
    value = value * 256 + c;
  }
  return value;
}

/** A YYYYMMDD date as a number that sorts as the date does, or -1. */
function dateValue(bytes: Buffer, at: number): number {
  let value = 0;
  for (let i = at; i < at + 8; i++) {
    const c = bytes[i]!;
    if (!(c >= ZERO && c <= NINE)) return -1;
    value = value * 10 + c - ZERO;
  }
  return value;
}

/** The index of the LF ending the line at `start`, or the block's length. */
function lineEnd(bytes: Buffer, start: number): number {
  const end = bytes.indexOf(LF, start);
  return end < 0 ? bytes.length : end;
}

function codeOf(text: string, at: number): number {
  let value = 0;
  for (let i = at; i < at + 5; i++) value = value * 256 + text.charCodeAt(i);
  return value;
}

function dateOf(text: string, at: number): number {
  let value = 0;
  for (let i = at; i < at + 8; i++) value = value * 10 + text.charCodeAt(i) - ZERO;
  return value;
}

/** Five characters, each 0-9 or A-Z, between `from` and `to`. */
function isCode(text: string, from: number, to: number): boolean {
  if (to - from !== 5) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= ZERO && c <= NINE) || (c >= UPPER_A && c <= UPPER_Z))) return false;
  }
  return true;
}

/** Eight digits (YYYYMMDD) between `from` and `to`. */
function isDate(text: string, from: number, to: number): boolean {
  if (to - from !== 8) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < ZERO || c > NINE) return false;
  }
  return true;
}

function isRow(text: string): boolean {
  return text.charCodeAt(5) === TAB && isCode(text, 0, 5);
}

/** `0001A:0591T` from the pair's numbers ({@link codeValue}). */
function pairText(column1: number, column2: number): string {
  return `${codeText(column1)}${PAIR_SEPARATOR}${codeText(column2)}`;
}

function codeText(value: number): string {
  let text = "";
  for (let i = 0; i < 5; i++, value = Math.floor(value / 256)) text = String.fromCharCode(value % 256) + text;
  return text;
}
