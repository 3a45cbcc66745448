import type { CodeSystemRules } from "../codesets/code-system.js";
import { keyOf } from "../codesets/snapshot.js";
import { type MergeSide, SortedLineMerge } from "./sorted-merge.js";
import type { CodeChange, DiffSummary } from "./types.js";

/** Sorted snapshot lines as they arrive, e.g. from a decompressing file stream. */
export type SortedLineSource = AsyncIterable<string> | Iterable<string>;

/** Lines are handed to the merge in batches so a multi-million-row diff awaits per batch, not per line. */
const BATCH_LINES = 8192;

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
  const merge = new SortedLineMerge(rules, onChange);
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
async function* sortedBatches(source: SortedLineSource, side: MergeSide): AsyncGenerator<string[]> {
  let batch: string[] = [];
  let previousKey: string | undefined;
  let lineNumber = 0;
  for await (const line of source) {
    lineNumber++;
    if (line === "") continue;
    const key = keyOf(line);
    if (previousKey !== undefined && !(previousKey < key)) {
      throw new Error(
        `${side} line ${lineNumber}: key "${key}" ${previousKey === key ? "repeats" : `sorts before "${previousKey}"`}; lines must be sorted by key and unique`,
      );
    }
    previousKey = key;
    batch.push(line);
    if (batch.length === BATCH_LINES) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
