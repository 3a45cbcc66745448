import type { CodeSystemRules } from "../core/code-system.js";
import type { CodeSetSnapshot, RecordsInPlace } from "../core/snapshot.js";
import type { CodeChange, SnapshotDiff } from "../core/snapshot-diff.js";
import { SortedLineMerge } from "./sorted-merge.js";

/**
 * Every change between two releases of one code system, counted the way CMS counts: the one diff
 * of `codecurrent diff` and of collection alike. Two snapshots that both keep their records in
 * place in their release files (two parsed order files) hand the merge only the records whose
 * bytes differ; any other pair (a stored snapshot against a parsed release) merges all lines.
 */
export function diffSnapshots(
  before: CodeSetSnapshot,
  after: CodeSetSnapshot,
  rules: CodeSystemRules,
): SnapshotDiff {
  for (const snapshot of [before, after]) {
    if (snapshot.system !== rules.system) {
      throw new Error(`Cannot diff a ${snapshot.system} snapshot with ${rules.system} rules`);
    }
  }
  const changes: CodeChange[] = [];
  const merge = new SortedLineMerge(rules, (change) => changes.push(change));
  if (before.inPlace && after.inPlace && before.inPlace.layout === after.inPlace.layout) {
    feedDiffering(merge, before.inPlace, after.inPlace);
  } else {
    merge.feed("before", before.lines);
    merge.feed("after", after.lines);
  }
  merge.end("before");
  merge.end("after");
  merge.advance();
  return {
    system: rules.system,
    fromVersion: before.version,
    toVersion: after.version,
    summary: merge.summary(),
    changes,
  };
}

/**
 * Walks both releases' records in key order: a pair that is the same record byte for byte is only
 * counted, and every other record becomes its line for the merge, which then reads exactly as if it
 * had every line (a pair whose bytes differ but whose lines are equal, e.g. trailing spaces, is no
 * change there either).
 */
function feedDiffering(merge: SortedLineMerge, before: RecordsInPlace, after: RecordsInPlace): void {
  const was: string[] = [];
  const now: string[] = [];
  let records = 0;
  let codes = 0;
  let b = 0;
  let a = 0;
  while (b < before.count && a < after.count) {
    if (before.sameRecord(b, after, a)) {
      records++;
      if (before.isCode(b)) codes++;
      b++;
      a++;
      continue;
    }
    const order = before.compareKeys(b, after, a);
    if (order <= 0) was.push(before.line(b++));
    if (order >= 0) now.push(after.line(a++));
  }
  while (b < before.count) was.push(before.line(b++));
  while (a < after.count) now.push(after.line(a++));
  merge.countUnchanged(records, codes);
  merge.feed("before", was);
  merge.feed("after", now);
}
