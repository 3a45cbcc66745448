import {
  CODE_AT,
  checkedOrderLine,
  firstLineStart,
  firstTab,
  hasOrderNumber,
  orderFileSource,
  parseIcd10OrderFile,
  VALID_FLAG_AT,
} from "../codesets/icd10-order-file.js";
import type { CodeSystemRules } from "../core/code-system.js";
import type { ReleasePayload } from "../core/release.js";
import type { CodeSetSnapshot } from "../core/snapshot.js";
import type { SnapshotDiff } from "../core/snapshot-diff.js";
import { diffSnapshots } from "./diff-snapshots.js";

/** One ICD-10-CM/PCS order file and the release label it is diffed under. */
export interface OrderFileRelease {
  readonly payload: ReleasePayload;
  readonly version: string;
}

const LF = 0x0a;
const CR = 0x0d;
const ZERO = 0x30;
/** Column 6, after the order number: from here on, equal bytes are an equal record with equal checks. */
const RECORD_AT = CODE_AT - 1;

/**
 * The diff of two order files, change for change the same as parsing both and calling
 * {@link diffSnapshots}, without building a string for the ~99 % of records a release leaves alone.
 *
 * Every line of the earlier file passes the parser's own layout check. A later line whose bytes
 * from column 6 to its end equal an earlier line's is the same record (only the order number in
 * columns 1-5 shifts from release to release, and equal bytes parse to equal fields) and has passed
 * the same check on every column but the order number's, which is checked on its own; every other
 * later line gets the full check. So a bad line anywhere fails with the parser's ParseError. The
 * lines that differ (added, deleted, or different bytes, which may still parse equal, e.g. trailing
 * spaces) go through the real parser and the real diff, so the diff's semantics stay in one place;
 * only the summary's record and valid-code totals are counted here, over the whole files.
 */
export function diffOrderFiles(
  before: OrderFileRelease,
  after: OrderFileRelease,
  rules: CodeSystemRules,
): SnapshotDiff {
  // The order file's category is its valid flag; the rules say which flag counts as a code.
  const codeFlag = [rules.categoryOf(["0"]) === "code" ? 1 : 0, rules.categoryOf(["1"]) === "code" ? 1 : 0];

  const old = before.payload.bytes;
  // Sized for lines of ~130 bytes (a short line is 80), so an order file rarely makes it grow.
  const earlier = new EarlierLines(Math.max(1024, old.length >> 7));
  const oldSource = orderFileSource(before.payload, rules);
  const oldTab = firstTab(old);
  let oldCodes = 0;
  for (let start = firstLineStart(old, oldSource), lineNumber = 1; start < old.length; lineNumber++) {
    let end = old.indexOf(LF, start);
    if (end < 0) end = old.length;
    const next = end + 1;
    if (old[end - 1] === CR) end--;
    const codeEnd = checkedOrderLine(old, start, end, oldTab, oldSource, lineNumber);
    const code = start + CODE_AT;
    earlier.add(codeHead(old, code, codeEnd), codeTail(old, code, codeEnd), start, end);
    oldCodes += codeFlag[old[start + VALID_FLAG_AT]! - ZERO]!;
    start = next;
  }
  if (!earlier.index()) repeatedCode(before, rules);

  const now = after.payload.bytes;
  const nowSource = orderFileSource(after.payload, rules);
  const nowTab = firstTab(now);
  const { count, heads, tails, starts, ends, states } = earlier;
  const added = new Set<number>();
  const changedAfter: number[] = [];
  let nowLines = 0;
  let nowCodes = 0;
  // Consecutive releases list codes in nearly the same order, so each line is first compared with
  // the earlier line after the last one matched; the sorted index is searched only after an
  // insertion, a deletion, a moved block or a changed record.
  let expected = 0;
  for (let start = firstLineStart(now, nowSource), lineNumber = 1; start < now.length; lineNumber++) {
    nowLines++;
    nowCodes += codeFlag[now[start + VALID_FLAG_AT]! - ZERO] ?? 0;
    if (expected < count && states[expected] === UNMATCHED) {
      // Equal bytes from column 6 to the end of an earlier line that passed the layout check: the
      // same record, and the same check passed on every column but the order number's.
      const was = starts[expected]!;
      const end = start + (ends[expected]! - was);
      const lineBreak = now[end];
      if (
        (end === now.length || lineBreak === LF || (lineBreak === CR && now[end + 1] === LF)) &&
        hasOrderNumber(now, start) &&
        now.compare(old, was + RECORD_AT, was + (end - start), start + RECORD_AT, end) === 0
      ) {
        states[expected++] = UNCHANGED;
        start = end + (lineBreak === CR ? 2 : 1);
        continue;
      }
    }
    let end = now.indexOf(LF, start);
    if (end < 0) end = now.length;
    const next = end + 1;
    if (now[end - 1] === CR) end--;
    const codeEnd = checkedOrderLine(now, start, end, nowTab, nowSource, lineNumber);
    const head = codeHead(now, start + CODE_AT, codeEnd);
    const tail = codeTail(now, start + CODE_AT, codeEnd);
    const line = heads[expected] === head && tails[expected] === tail ? expected : earlier.find(head, tail);
    if (line < 0) {
      const code = head * 4096 + tail;
      if (added.has(code)) repeatedCode(after, rules);
      added.add(code);
      changedAfter.push(start, end);
    } else if (states[line] !== UNMATCHED) {
      repeatedCode(after, rules);
    } else {
      expected = line + 1;
      const was = starts[line]!;
      const same =
        ends[line]! - was === end - start &&
        now.compare(old, was + RECORD_AT, ends[line], start + RECORD_AT, end) === 0;
      states[line] = same ? UNCHANGED : CHANGED;
      if (!same) changedAfter.push(start, end);
    }
    start = next;
  }

  const diff = diffSnapshots(
    changedSnapshot(before, earlier.notUnchanged(), rules),
    changedSnapshot(after, changedAfter, rules),
    rules,
  );
  return {
    ...diff,
    summary: {
      ...diff.summary,
      before: { records: earlier.count, codes: oldCodes },
      after: { records: nowLines, codes: nowCodes },
    },
  };
}

/** A code on two lines of one file: the parser names every line it is on, so it says so. */
function repeatedCode(release: OrderFileRelease, rules: CodeSystemRules): never {
  parseIcd10OrderFile(release.payload, rules, release.version);
  throw new Error(`${orderFileSource(release.payload, rules)}: a code appears more than once`);
}

/** What became of an earlier line in the later release. */
const UNMATCHED = 0;
const UNCHANGED = 1;
const CHANGED = 2;

/**
 * Bits of a line number kept in the sorted index, below the code's last two characters: few enough
 * that each half stays a small integer. A longer file's lines share them; `find` tells them apart.
 */
const LINE_BITS = 19;
const LINE_MASK = (1 << LINE_BITS) - 1;
/** Which 32-bit half of a 64-bit integer holds its low bits on this machine. */
const LOW = new Uint8Array(new Uint32Array([1, 0]).buffer)[0] === 1 ? 0 : 1;
const HIGH = 1 - LOW;

/**
 * The earlier release's lines in file order (code, where the line starts and ends, what became of
 * it), and an index of them sorted by code: typed arrays rather than a Map of strings, which would
 * decode ~100,000 codes only to look each up once.
 */
class EarlierLines {
  count = 0;
  heads: Int32Array;
  tails: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  states: Uint8Array;
  /**
   * head × 2^32 + tail × 2^19 + the line number's low 19 bits as unsigned 64-bit integers, written
   * and read as 32-bit halves and sorted natively.
   */
  private byCode: BigUint64Array;
  private halves: Uint32Array;

  constructor(capacity: number) {
    this.heads = new Int32Array(capacity);
    this.tails = new Int32Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.states = new Uint8Array(capacity);
    this.byCode = new BigUint64Array(capacity);
    this.halves = new Uint32Array(this.byCode.buffer);
  }

  add(head: number, tail: number, start: number, end: number): void {
    const line = this.count++;
    if (line === this.heads.length) this.grow();
    this.heads[line] = head;
    this.tails[line] = tail;
    this.starts[line] = start;
    this.ends[line] = end;
    this.halves[2 * line + HIGH] = head;
    this.halves[2 * line + LOW] = tail * (LINE_MASK + 1) + (line & LINE_MASK);
  }

  /** Sorts the index by code, then line; false when a code is on two lines. */
  index(): boolean {
    this.byCode = this.byCode.subarray(0, this.count).sort();
    this.halves = new Uint32Array(this.byCode.buffer, 0, 2 * this.count);
    const halves = this.halves;
    for (let i = 2; i < halves.length; i += 2) {
      if (
        halves[i + HIGH] === halves[i - 2 + HIGH] &&
        halves[i + LOW]! >>> LINE_BITS === halves[i - 2 + LOW]! >>> LINE_BITS
      ) {
        return false;
      }
    }
    return true;
  }

  /** The earlier line with this code, or -1. */
  find(head: number, tail: number): number {
    const halves = this.halves;
    let from = 0;
    let to = this.count;
    while (from < to) {
      const mid = (from + to) >>> 1;
      const midHead = halves[2 * mid + HIGH]!;
      if (midHead < head || (midHead === head && halves[2 * mid + LOW]! >>> LINE_BITS < tail)) from = mid + 1;
      else to = mid;
    }
    if (from === this.count) return -1;
    const entry = halves[2 * from + LOW]!;
    if (halves[2 * from + HIGH] !== head || entry >>> LINE_BITS !== tail) return -1;
    for (let line = entry & LINE_MASK; line < this.count; line += LINE_MASK + 1) {
      if (this.heads[line] === head && this.tails[line] === tail) return line;
    }
    return -1;
  }

  /** Start and end (as pairs) of the earlier lines not found unchanged in the later release. */
  notUnchanged(): number[] {
    const ranges: number[] = [];
    for (let line = 0; line < this.count; line++) {
      if (this.states[line] !== UNCHANGED) ranges.push(this.starts[line]!, this.ends[line]!);
    }
    return ranges;
  }

  private grow(): void {
    const size = this.heads.length * 2;
    const grown = <T extends Int32Array | Uint8Array | BigUint64Array>(from: T, to: T): T => {
      to.set(from as never);
      return to;
    };
    this.heads = grown(this.heads, new Int32Array(size));
    this.tails = grown(this.tails, new Int32Array(size));
    this.starts = grown(this.starts, new Int32Array(size));
    this.ends = grown(this.ends, new Int32Array(size));
    this.states = new Uint8Array(size);
    this.byCode = grown(this.byCode, new BigUint64Array(size));
    this.halves = new Uint32Array(this.byCode.buffer);
  }
}

/*
 * A code is 3 to 7 characters from 0-9 and A-Z (0x30-0x5a), 6 bits a character, none packing to 0,
 * so a shorter code never equals a longer one. It is held as two small integers, never as one
 * 42-bit double: until the JIT has compiled the loops, every double would be a heap allocation.
 */

/** Characters 1-5 of the code: 30 bits. */
function codeHead(bytes: Buffer, start: number, end: number): number {
  let head = 0;
  for (let c = start; c < start + 5; c++) head = head * 64 + (c < end ? bytes[c]! - 0x2f : 0);
  return head;
}

/** Characters 6 and 7 of the code: 12 bits, which leave 19 for a line number in the index. */
function codeTail(bytes: Buffer, start: number, end: number): number {
  const sixth = start + 5 < end ? bytes[start + 5]! - 0x2f : 0;
  return sixth * 64 + (start + 6 < end ? bytes[start + 6]! - 0x2f : 0);
}

/**
 * The given lines of a release as a small order file of their own, parsed by the real parser:
 * line numbers in it mean nothing, but every line in it has already passed the layout check.
 */
function changedSnapshot(
  release: OrderFileRelease,
  ranges: readonly number[],
  rules: CodeSystemRules,
): CodeSetSnapshot {
  if (ranges.length === 0)
    return { system: rules.system, version: release.version, fields: rules.fields, lines: [] };
  const bytes = release.payload.bytes;
  let size = 0;
  for (let i = 0; i < ranges.length; i += 2) size += ranges[i + 1]! - ranges[i]! + 1;
  const lines = Buffer.allocUnsafe(size);
  let at = 0;
  for (let i = 0; i < ranges.length; i += 2) {
    at += bytes.copy(lines, at, ranges[i]!, ranges[i + 1]!);
    lines[at++] = LF;
  }
  return parseIcd10OrderFile({ name: release.payload.name, bytes: lines }, rules, release.version);
}
