import { encodeSnapshot } from "../../../codesets/snapshot-file.js";
import type { CodeSystemRules } from "../../../core/code-system.js";
import type { PublisherCounts } from "../../../core/publisher-counts.js";
import type { CodeSetSnapshot } from "../../../core/snapshot.js";
import { fieldsOf } from "../../../core/snapshot.js";
import { diffSnapshots } from "../../../diff/diff-snapshots.js";
import type { InMemoryCodeSetSource } from "../../../sources/source.js";
import type { CollectionStrategy, ReleaseComparison, RunContext } from "../../collection-strategy.js";
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
    // Parsed once: to see whether a re-issue is anything new, then as the release itself.
    const parsed = new WeakMap<PublishedRelease, Promise<CodeSetSnapshot>>();
    const parse = (published: PublishedRelease) => {
      let snapshot = parsed.get(published);
      if (!snapshot) {
        snapshot = Promise.resolve(source.parse(published.payloads, published.release));
        parsed.set(published, snapshot);
      }
      return snapshot;
    };
    const published = await obtainPublishedRelease(source, run, { keepZipped: false }, (candidate) =>
      parse(candidate).then((snapshot) => sameDataAsCurrent(source, run, candidate, snapshot)),
    );
    if (published.status === "unchanged") return published;
    const snapshot = await parse(published);
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

/**
 * A re-issue whose data is the current release's, record for record (CMS's April 2024 and April 2025
 * ICD-10-CM order files equal their October files): nothing new, so no release and no changes.
 */
async function sameDataAsCurrent(
  source: InMemoryCodeSetSource,
  { state, deps }: RunContext,
  published: PublishedRelease,
  snapshot: CodeSetSnapshot,
): Promise<string | undefined> {
  if (!state.currentReleaseKey || !state.currentEffectiveDate) return undefined;
  if (published.release.effectiveDate < state.currentEffectiveDate) return undefined;
  const current = await deps.releases.release(source.id, `RELEASE#${state.currentReleaseKey}`);
  if (!current || current.records !== snapshot.lines.length) return undefined;
  const before = await storedSnapshot(deps.archive, current);
  const same =
    before.lines.length === snapshot.lines.length &&
    before.lines.every((line, i) => line === snapshot.lines[i]);
  return same
    ? `${published.release.version} holds the very same records as ${current.version}: a re-issue with nothing new`
    : undefined;
}

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
