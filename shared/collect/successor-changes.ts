import { readSnapshotLines } from "../codesets/snapshot-file.js";
import type { CodeSystemRules } from "../core/code-system.js";
import type { CodeChange, DiffSummary } from "../core/snapshot-diff.js";
import { diffLineStreams } from "../diff/diff-line-streams.js";
import type { EvidenceArchive } from "../evidence/evidence-archive.js";
import type { ReleaseRecord } from "../releases/release-record.js";
import { storedSnapshotBytes } from "./stored-snapshot.js";

/** A baseline successor's changes against the older release now collected before it. */
export interface SuccessorChanges {
  readonly release: ReleaseRecord;
  readonly summary: DiffSummary;
  readonly changes: readonly CodeChange[];
}

/**
 * The successor's real changes: its stored snapshot against the older release's, both read as
 * they inflate, whatever kind of source produced them.
 */
export async function successorChanges(
  successor: ReleaseRecord,
  olderSnapshot: Buffer,
  rules: CodeSystemRules,
  archive: EvidenceArchive,
): Promise<SuccessorChanges> {
  const changes: CodeChange[] = [];
  const summary = await diffLineStreams(
    readSnapshotLines(olderSnapshot, rules.system),
    readSnapshotLines(await storedSnapshotBytes(archive, successor), rules.system),
    rules,
    (change) => changes.push(change),
  );
  return { release: successor, summary, changes };
}
