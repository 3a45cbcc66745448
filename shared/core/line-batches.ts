/**
 * Lines that can also be read an array at a time. Each step of an async iteration costs a promise,
 * a microtask and an iterator result, which for one ~60-byte NCCI row is more than parsing it: a
 * full PTP quarter spent most of its time there. Readers that get their text in chunks therefore
 * hand on a chunk's worth of lines per step. Iterated line by line they give the very same lines,
 * so a caller that wants one at a time still can. One-shot, like the generators behind them; a
 * yielded array is never changed afterwards (the merge keeps it while it works through it).
 */
export interface LineBatches extends AsyncIterable<string> {
  batches(): AsyncIterable<readonly string[]>;
  /**
   * Set by a reader that itself fails on any line whose key is not strictly after the previous
   * line's (the NCCI PTP reader checks every pair, and names the part and line), so the diff need
   * not compare every key a second time.
   */
  readonly keysAscending?: true;
}

/** Wraps a generator of line arrays as {@link LineBatches}. */
export function lineBatches(
  batches: () => AsyncIterable<readonly string[]>,
  options: { keysAscending?: true } = {},
): LineBatches {
  return {
    batches,
    [Symbol.asyncIterator]: () => linesOf(batches()[Symbol.asyncIterator]()),
    ...options,
  };
}

export function hasBatches(source: unknown): source is LineBatches {
  return typeof (source as Partial<LineBatches> | undefined)?.batches === "function";
}

/**
 * One line per step from an iterator of arrays. Hand-written rather than `yield*` in an async
 * generator, which awaits once more per line; `return` reaches the arrays' iterator so a consumer
 * that stops early still closes the stream behind them.
 */
function linesOf(arrays: AsyncIterator<readonly string[]>): AsyncIterator<string> {
  let batch: readonly string[] = [];
  let at = 0;
  return {
    async next(): Promise<IteratorResult<string>> {
      while (at >= batch.length) {
        const step = await arrays.next();
        if (step.done) return { done: true, value: undefined };
        batch = step.value;
        at = 0;
      }
      return { done: false, value: batch[at++]! };
    },
    async return(): Promise<IteratorResult<string>> {
      await arrays.return?.();
      return { done: true, value: undefined };
    },
  };
}
