import type { CodeSystemRules } from "../core/code-system.js";
import { hasBatches } from "../core/line-batches.js";
import { keyOf } from "../core/snapshot.js";
import type { CodeChange, DiffSummary } from "../core/snapshot-diff.js";
import { type MergeSide, SortedLineMerge } from "./sorted-merge.js";

/** Sorted snapshot lines as they arrive, e.g. from a decompressing file stream. */
export type SortedLineSource = AsyncIterable<string> | Iterable<string>;

/** Lines are handed to the merge in batches so a multi-million-row diff awaits per batch, not per line. */
const BATCH_LINES = 8192;
const TAB = 9;

/**
 * Diffs two releases too large to hold as snapshots (NCCI PTP: millions of pairs): changes are
 * handed to `onChange` as the merge finds them, and only the counts are kept.
 */
export async function diffLineStreams(
  before: SortedLineSource,
  after: SortedLineSource,
  rules: CodeSystemRules,
  onChange: (change: CodeChange) => void,
): Promise<DiffSummary> {
  const merge = new SortedLineMerge(rules, onChange, { streamed: true });
  const batches = {
    before: sortedBatches(before, "before")[Symbol.asyncIterator](),
    after: sortedBatches(after, "after")[Symbol.asyncIterator](),
  };
  for (let side = merge.advance(); side; side = merge.advance()) {
    const next = await batches[side].next();
    if (next.done) merge.end(side);
    else merge.feed(side, next.value);
  }
  return merge.summary();
}

/** A stream is not a snapshot: its order is checked, because an unsorted side would read as mass churn. */
async function* sortedBatches(source: SortedLineSource, side: MergeSide): AsyncGenerator<readonly string[]> {
  const order = new KeyOrder(side);
  if (hasBatches(source) && source.keysAscending) {
    for await (const batch of source.batches()) if (batch.length > 0) yield batch;
    return;
  }
  if (hasBatches(source)) {
    for await (const batch of source.batches()) {
      const checked = order.check(batch);
      if (checked.length > 0) yield checked;
    }
    return;
  }
  let batch: string[] = [];
  for await (const line of source) {
    batch.push(line);
    if (batch.length === BATCH_LINES) {
      yield order.check(batch);
      batch = [];
    }
  }
  const checked = order.check(batch);
  if (checked.length > 0) yield checked;
}

/** Checks that keys strictly increase across the batches of one side, and drops blank lines. */
class KeyOrder {
  private previous: string | undefined;
  private lineNumber = 0;

  constructor(private readonly side: MergeSide) {}

  /** The batch itself when it holds no blank line (the usual case: no copy), else its lines without them. */
  check(batch: readonly string[]): readonly string[] {
    let previous = this.previous;
    let blanks = 0;
    for (let i = 0; i < batch.length; i++) {
      const line = batch[i]!;
      this.lineNumber++;
      if (line === "") {
        blanks++;
        continue;
      }
      if (previous !== undefined && compareKeys(previous, line) >= 0) this.fail(previous, line);
      previous = line;
    }
    this.previous = previous;
    return blanks === 0 ? batch : batch.filter((line) => line !== "");
  }

  private fail(previousLine: string, line: string): never {
    const previousKey = keyOf(previousLine);
    const key = keyOf(line);
    throw new Error(
      `${this.side} line ${this.lineNumber}: key "${key}" ${previousKey === key ? "repeats" : `sorts before "${previousKey}"`}; lines must be sorted by key and unique`,
    );
  }
}

/**
 * The order of two lines' keys (the text before the first tab), as `keyOf(a) < keyOf(b)` would
 * give it, without slicing either: millions of lines would otherwise each allocate a key.
 */
function compareKeys(a: string, b: string): number {
  for (let i = 0; ; i++) {
    // The end of a line ends its key just as a tab does; a key that ends first sorts first.
    const x = i < a.length ? a.charCodeAt(i) : TAB;
    const y = i < b.length ? b.charCodeAt(i) : TAB;
    if (x === TAB || y === TAB) return x === y ? 0 : x === TAB ? -1 : 1;
    if (x !== y) return x - y;
  }
}
