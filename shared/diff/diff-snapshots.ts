import type { CodeSystemRules } from "../core/code-system.js";
import type { CodeSetSnapshot } from "../core/snapshot.js";
import type { CodeChange, SnapshotDiff } from "../core/snapshot-diff.js";
import { SortedLineMerge } from "./sorted-merge.js";

/** Every change between two releases of one code system, counted the way CMS counts. */
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
  merge.feed("before", before.lines);
  merge.end("before");
  merge.feed("after", after.lines);
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
