import { isAscii, isUtf8 } from "node:buffer";
import type { RecordsInPlace } from "../core/snapshot.js";
import {
  CODE_AT,
  CR,
  checkedOrderLine,
  duplicate,
  firstLineStart,
  firstTab,
  LF,
  LONG_TITLE_AT,
  SHORT_TITLE_AT,
  SHORT_TITLE_END,
  TAB,
  trimmedEnd,
  VALID_FLAG_AT,
  ZERO,
} from "./order-file-layout.js";

/** Column 6 (index 5), the blank after the order number: from here on lie the record's code and content. */
const RECORD_AT = 5;
/** The shortest line that passes the layout check: a long title of one character, and its line break. */
const SHORTEST_LINE = LONG_TITLE_AT + 2;

/**
 * The lines of one order file in code order, read in place: each line's layout is checked, its
 * code packed into two small integers, and nothing else is built until asked. Two releases' lines
 * are the same record when their bytes from column 6 to the end are equal (only the order number in
 * columns 1-5 moves from release to release, and equal bytes parse to equal fields); a line of the
 * ~1 % that differ becomes its snapshot line with {@link line}.
 */
export class OrderFileRecords implements RecordsInPlace {
  readonly layout = "icd10-order-file";
  readonly count: number;
  /** Line numbers (0-based) in code order: record `i` is line `order[i]`. */
  private readonly order: Int32Array;
  /** Per line in file order: where it starts and ends (without its line break) and where its code ends. */
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly codeEnds: Int32Array;
  /**
   * The code as two small integers, characters 1-5 (30 bits) and 6-7 (12 bits), 6 bits a character
   * from 0-9 and A-Z with none packing to 0, so a shorter code sorts before a longer one as its text
   * does. Never one 42-bit double: until the JIT has compiled the loops, each would be a heap number.
   */
  private readonly heads: Int32Array;
  private readonly tails: Int32Array;
  /** The file's bytes four at a time, for comparing records. */
  private readonly words: DataView;
  private readonly first: number;
  private encoding: "latin1" | "utf8" | undefined;

  /**
   * Checks every line against the layout (a `ParseError` naming the file and line otherwise) and
   * orders the lines by code: tabular order is code order except where CMS files a block out of
   * sequence (C4A after C43). `codeFlags[f]` says whether valid flag `f` (0 or 1) makes a line a code.
   */
  constructor(
    private readonly bytes: Buffer,
    private readonly codeFlags: readonly [header: boolean, code: boolean],
    source: string,
  ) {
    const first = firstLineStart(bytes, source);
    const tabAt = firstTab(bytes);
    const capacity = Math.floor((bytes.length - first) / SHORTEST_LINE) + 1;
    const starts = new Int32Array(capacity);
    const ends = new Int32Array(capacity);
    const codeEnds = new Int32Array(capacity);
    const heads = new Int32Array(capacity);
    const tails = new Int32Array(capacity);
    let count = 0;
    let sorted = true;
    let previousHead = -1;
    let previousTail = -1;
    for (let start = first; start < bytes.length; count++) {
      let end = bytes.indexOf(LF, start);
      if (end < 0) end = bytes.length;
      const next = end + 1;
      if (bytes[end - 1] === CR) end--;
      const codeEnd = checkedOrderLine(bytes, start, end, tabAt, source, count + 1);
      const code = start + CODE_AT;
      let head = 0;
      for (let c = code; c < code + 5; c++) head = head * 64 + (c < codeEnd ? bytes[c]! - 0x2f : 0);
      const tail =
        (code + 5 < codeEnd ? bytes[code + 5]! - 0x2f : 0) * 64 +
        (code + 6 < codeEnd ? bytes[code + 6]! - 0x2f : 0);
      if (head < previousHead || (head === previousHead && tail <= previousTail)) sorted = false;
      previousHead = head;
      previousTail = tail;
      starts[count] = start;
      ends[count] = end;
      codeEnds[count] = codeEnd;
      heads[count] = head;
      tails[count] = tail;
      start = next;
    }
    this.count = count;
    this.starts = starts;
    this.ends = ends;
    this.codeEnds = codeEnds;
    this.heads = heads;
    this.tails = tails;
    this.order = sorted ? identity(count) : codeOrder(heads, tails, count);
    if (!sorted) {
      const order = this.order;
      for (let i = 1; i < count; i++) {
        const line = order[i]!;
        const previous = order[i - 1]!;
        if (heads[line] === heads[previous] && tails[line] === tails[previous]) {
          throw duplicate(bytes.toString("latin1", starts[line]! + CODE_AT, codeEnds[line]!), bytes, source);
        }
      }
    }
    this.words = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.first = first;
  }

  sameRecord(i: number, other: RecordsInPlace, j: number): boolean {
    const them = other as OrderFileRecords;
    const line = this.order[i]!;
    const theirLine = them.order[j]!;
    let at = this.starts[line]! + RECORD_AT;
    const end = this.ends[line]!;
    let theirAt = them.starts[theirLine]! + RECORD_AT;
    if (end - at !== them.ends[theirLine]! - theirAt) return false;
    // Four bytes at a time: the JIT reads a DataView word as one load, where Buffer#compare is a
    // native call with argument checks, several times the cost for a 130-byte line.
    const words = this.words;
    const theirWords = them.words;
    for (; at + 4 <= end; at += 4, theirAt += 4) {
      if (words.getUint32(at) !== theirWords.getUint32(theirAt)) return false;
    }
    for (; at < end; at++, theirAt++) if (this.bytes[at] !== them.bytes[theirAt]) return false;
    return true;
  }

  compareKeys(i: number, other: RecordsInPlace, j: number): number {
    const them = other as OrderFileRecords;
    const line = this.order[i]!;
    const theirLine = them.order[j]!;
    return this.heads[line]! - them.heads[theirLine]! || this.tails[line]! - them.tails[theirLine]!;
  }

  isCode(i: number): boolean {
    return this.codeFlags[this.bytes[this.starts[this.order[i]!]! + VALID_FLAG_AT]! - ZERO]!;
  }

  line(i: number): string {
    const line = this.order[i]!;
    const out = Buffer.allocUnsafe(this.ends[line]! - this.starts[line]!);
    const end = this.write(line, out, 0);
    // An ASCII line reads the same in either encoding; only another asks how the file is encoded.
    return out.toString(isAscii(out.subarray(0, end)) ? "latin1" : this.fileEncoding(), 0, end);
  }

  lines(): string[] {
    // Written as bytes into one buffer and decoded once: building ~94,000 lines by string
    // concatenation costs several times the rest of the work.
    const out = Buffer.allocUnsafe(this.bytes.length + 1);
    let at = 0;
    for (let i = 0; i < this.count; i++) {
      at = this.write(this.order[i]!, out, at);
      out[at++] = LF;
    }
    return out.toString(this.fileEncoding(), 0, at - 1).split("\n");
  }

  /** CMS writes ASCII; a file with other bytes is read as UTF-8 when it is valid UTF-8, else as Latin-1. */
  private fileEncoding(): "latin1" | "utf8" {
    if (this.encoding === undefined) {
      const text = this.bytes.subarray(this.first);
      this.encoding = isAscii(text) || !isUtf8(text) ? "latin1" : "utf8";
    }
    return this.encoding;
  }

  /** Writes file line `line`'s snapshot line (`code\tvalid\tshort title\tlong title`) at `at`; returns where it ends. */
  private write(line: number, out: Buffer, at: number): number {
    const bytes = this.bytes;
    const start = this.starts[line]!;
    const codeEnd = this.codeEnds[line]!;
    const shortEnd = trimmedEnd(bytes, start + SHORT_TITLE_AT, start + SHORT_TITLE_END);
    const longEnd = trimmedEnd(bytes, start + LONG_TITLE_AT, this.ends[line]!);
    for (let c = start + CODE_AT; c < codeEnd; c++) out[at++] = bytes[c]!;
    out[at++] = TAB;
    out[at++] = bytes[start + VALID_FLAG_AT]!;
    out[at++] = TAB;
    // Byte loops, not Buffer#copy: for 60-byte titles its per-call cost dominates.
    for (let c = start + SHORT_TITLE_AT; c < shortEnd; c++) out[at++] = bytes[c]!;
    out[at++] = TAB;
    for (let c = start + LONG_TITLE_AT; c < longEnd; c++) out[at++] = bytes[c]!;
    return at;
  }
}

function identity(count: number): Int32Array {
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  return order;
}

/** Bits of a line number packed below a code in a sort key: files of up to 4,194,304 lines. */
const INDEX_BITS = 22;
/** Which 32-bit half of a 64-bit integer holds its low bits on this machine. */
const LOW = new Uint8Array(new Uint32Array([1, 0]).buffer)[0] === 1 ? 0 : 1;
const HIGH = 1 - LOW;

/**
 * Line numbers in code order, ties in file order. The sort is native, not a comparison in
 * JavaScript: a CLI process runs it once, before the JIT has compiled anything, and a natively
 * sorted array of 64-bit integers (code above, line number below) costs the same cold or warm.
 */
function codeOrder(heads: Int32Array, tails: Int32Array, count: number): Int32Array {
  if (count > 1 << INDEX_BITS) {
    // Beyond any order file (the largest, ICD-10-PCS, has under 200,000 lines).
    const order = Array.from({ length: count }, (_, i) => i);
    order.sort((a, b) => heads[a]! - heads[b]! || tails[a]! - tails[b]! || a - b);
    return Int32Array.from(order);
  }
  const keys = new BigUint64Array(count);
  const halves = new Uint32Array(keys.buffer);
  // 30 bits of head, 12 of tail, 22 of line number: the tail's top 2 bits end the high half.
  const tailLow = 1 << (32 - INDEX_BITS);
  for (let i = 0; i < count; i++) {
    const tail = tails[i]!;
    halves[2 * i + HIGH] = heads[i]! * (4096 / tailLow) + Math.floor(tail / tailLow);
    halves[2 * i + LOW] = (tail % tailLow) * (1 << INDEX_BITS) + i;
  }
  keys.sort();
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = halves[2 * i + LOW]! % (1 << INDEX_BITS);
  return order;
}
