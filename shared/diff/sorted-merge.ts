import type { CodeSystemRules } from "../core/code-system.js";
import { fieldsOf, keyOf } from "../core/snapshot.js";
import type { ChangeCounts, CodeChange, DiffSummary, RecordCategory } from "../core/snapshot-diff.js";
import { addedRecord, deletedRecord, revisedRecord } from "./record-change.js";

export type MergeSide = "before" | "after";

/**
 * The sorted merge of two releases' snapshot lines, fed in batches so the same core diffs two
 * in-memory snapshots (one batch each) or two multi-million-row streams (many batches, awaited by
 * the caller). Equal lines are counted and skipped without being split; only lines whose keys
 * match and whose text differs are split into fields.
 */
export class SortedLineMerge {
  private beforeLines: readonly string[] = [];
  private beforeAt = 0;
  private beforeEnded = false;
  private afterLines: readonly string[] = [];
  private afterAt = 0;
  private afterEnded = false;
  private readonly codes: ChangeCounts = { added: 0, deleted: 0, revised: 0 };
  private readonly headers: ChangeCounts = { added: 0, deleted: 0, revised: 0 };
  private minorRevisions = 0;
  private readonly beforeCount = { records: 0, codes: 0 };
  private readonly afterCount = { records: 0, codes: 0 };
  private readonly categoryOfLine: (line: string) => RecordCategory;

  private readonly own: (line: string) => string;

  /**
   * `streamed`: the lines are substrings of decoded chunks that would otherwise be let go, so the
   * lines of a change are copied first ({@link detached}). Snapshots in memory keep their text
   * anyway, and a copy would only add to it.
   */
  constructor(
    private readonly rules: CodeSystemRules,
    private readonly emit: (change: CodeChange) => void,
    options: { streamed?: boolean } = {},
  ) {
    this.categoryOfLine = rules.categoryOfLine
      ? rules.categoryOfLine.bind(rules)
      : (line) => rules.categoryOf(fieldsOf(line));
    this.own = options.streamed ? detached : (line) => line;
  }

  /** Hands the merge the next sorted batch of one side; the previous batch must be used up. */
  feed(side: MergeSide, lines: readonly string[]): void {
    if (side === "before") {
      if (this.beforeAt < this.beforeLines.length || this.beforeEnded)
        throw new Error("before: batch fed too early");
      this.beforeLines = lines;
      this.beforeAt = 0;
    } else {
      if (this.afterAt < this.afterLines.length || this.afterEnded)
        throw new Error("after: batch fed too early");
      this.afterLines = lines;
      this.afterAt = 0;
    }
  }

  /** Records found equal on both sides before they reached the merge (see `diffSnapshots`), counted as if merged. */
  countUnchanged(records: number, codes: number): void {
    this.beforeCount.records += records;
    this.beforeCount.codes += codes;
    this.afterCount.records += records;
    this.afterCount.codes += codes;
  }

  end(side: MergeSide): void {
    if (side === "before") this.beforeEnded = true;
    else this.afterEnded = true;
  }

  /**
   * Merges as far as the fed lines allow. Returns the side that must be fed (or ended) next, or
   * undefined once both sides have ended and every line is merged.
   */
  advance(): MergeSide | undefined {
    const before = this.beforeLines;
    const after = this.afterLines;
    let b = this.beforeAt;
    let a = this.afterAt;
    try {
      for (;;) {
        if (b >= before.length && !this.beforeEnded) return "before";
        if (a >= after.length && !this.afterEnded) return "after";
        const was = before[b];
        const now = after[a];
        if (was === undefined) {
          if (now === undefined) return undefined;
          this.added(now);
          a++;
        } else if (now === undefined) {
          this.deleted(was);
          b++;
        } else if (was === now) {
          const isCode = this.categoryOfLine(was) === "code" ? 1 : 0;
          this.beforeCount.records++;
          this.beforeCount.codes += isCode;
          this.afterCount.records++;
          this.afterCount.codes += isCode;
          b++;
          a++;
        } else {
          const wasKey = keyOf(was);
          const nowKey = keyOf(now);
          if (wasKey < nowKey) {
            this.deleted(was);
            b++;
          } else if (nowKey < wasKey) {
            this.added(now);
            a++;
          } else {
            this.revised(was, now);
            b++;
            a++;
          }
        }
      }
    } finally {
      this.beforeAt = b;
      this.afterAt = a;
    }
  }

  summary(): DiffSummary {
    return {
      ...this.codes,
      headers: { ...this.headers },
      minorRevisions: this.minorRevisions,
      before: { ...this.beforeCount },
      after: { ...this.afterCount },
    };
  }

  private added(line: string): void {
    const change = addedRecord(this.own(line), this.rules);
    this.countAfter(change.category);
    this.tally(change);
  }

  private deleted(line: string): void {
    const change = deletedRecord(this.own(line), this.rules);
    this.countBefore(change.category);
    this.tally(change);
  }

  private revised(was: string, now: string): void {
    this.countBefore(this.categoryOfLine(was));
    this.countAfter(this.categoryOfLine(now));
    const change = revisedRecord(this.own(was), this.own(now), this.rules);
    const bookkeeping = this.rules.bookkeepingFields;
    if (
      change.changeType === "revised" &&
      bookkeeping &&
      change.fields.every((f) => bookkeeping.includes(f.field))
    ) {
      return;
    }
    if (change.counted === false) {
      this.minorRevisions++;
      this.emit(change);
      return;
    }
    this.tally(change);
  }

  private countBefore(category: RecordCategory): void {
    this.beforeCount.records++;
    if (category === "code") this.beforeCount.codes++;
  }

  private countAfter(category: RecordCategory): void {
    this.afterCount.records++;
    if (category === "code") this.afterCount.codes++;
  }

  private tally(change: CodeChange): void {
    (change.category === "code" ? this.codes : this.headers)[change.changeType]++;
    this.emit(change);
  }
}

/**
 * The line as a string of its own. Streamed lines are substrings of the text their chunk was
 * decoded from, and in V8 a substring, and every field split from it, keeps that whole text
 * alive: a few thousand changes of a PTP quarter held 64 KB chunks each, hundreds of MB. Slicing
 * a concatenation first copies it into a new flat string, so the change keeps only its own line.
 */
function detached(line: string): string {
  return ` ${line}`.slice(1);
}
