import { encodeSnapshot } from "../../../codesets/snapshot-file.js";
import type { CodeSystemRules } from "../../../core/code-system.js";
import type { PublisherCounts } from "../../../core/publisher-counts.js";
import type { CodeSetSnapshot } from "../../../core/snapshot.js";
import { fieldsOf } from "../../../core/snapshot.js";
import { diffSnapshots } from "../../../diff/diff-snapshots.js";
import type { InMemoryCodeSetSource } from "../../../sources/source.js";
import type { CollectionStrategy, ReleaseComparison } from "../../collection-strategy.js";
import { storedSnapshot } from "../../stored-snapshot.js";
import { obtainPublishedRelease, type PublishedRelease } from "./published-release.js";
import { publisherComparison } from "./publisher-check.js";

/** A code-set release parsed whole: ICD-10, HCPCS and the MUE tables fit in memory many times over. */
interface ParsedRelease extends PublishedRelease {
  readonly snapshot: CodeSetSnapshot;
  /** What the publisher says the release changed, read beside the data (addenda, action codes). */
  readonly publisherCounts?: PublisherCounts;
}

/** Code sets held in memory: each release parsed to a snapshot and diffed against the stored one. */
export const codeSetStrategy: CollectionStrategy<InMemoryCodeSetSource, ParsedRelease> = {
  async obtain(source, run) {
    const published = await obtainPublishedRelease(source, run, { keepZipped: false });
    if (published.status === "unchanged") return published;
    const snapshot = source.parse(published.payloads, published.release);
    const publisherCounts = source.publisherCounts?.(published.payloads, snapshot);
    return { ...published, snapshot, ...(publisherCounts ? { publisherCounts } : {}) };
  },

  async compare(source, { snapshot, publisherCounts, release }, previous, { deps }) {
    const before = previous ? await storedSnapshot(deps.archive, previous) : undefined;
    const compared = compareSnapshots(snapshot, before, source.rules);
    const publisher = publisherComparison(publisherCounts, release, previous, compared.diff);
    return { ...compared, ...(publisher ? { publisher } : {}) };
  },
};

/** Two whole snapshots compared: shared by every kind whose snapshot is built in memory. */
export function compareSnapshots(
  snapshot: CodeSetSnapshot,
  before: CodeSetSnapshot | undefined,
  rules: CodeSystemRules,
): ReleaseComparison {
  const diff = before ? diffSnapshots(before, snapshot, rules) : undefined;
  return {
    records: snapshot.lines.length,
    ...(before ? { recordsBefore: before.lines.length } : {}),
    codes: diff?.summary.after.codes ?? countCodes(snapshot, rules),
    encoded: encodeSnapshot(snapshot),
    ...(diff ? { diff: { summary: diff.summary, changes: diff.changes } } : {}),
  };
}

function countCodes(snapshot: CodeSetSnapshot, rules: CodeSystemRules): number {
  let codes = 0;
  for (const line of snapshot.lines) if (rules.categoryOf(fieldsOf(line)) === "code") codes++;
  return codes;
}
