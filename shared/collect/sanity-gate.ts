import type { CodeChange } from "../core/snapshot-diff.js";
import type { Source } from "../sources/source.js";
import type { ReleaseComparison } from "./collection-strategy.js";
import type { SuccessorChanges } from "./successor-changes.js";

export interface SanityInput {
  readonly sourceId: string;
  readonly recordsAfter: number;
  /** Absent for a source's first release. */
  readonly recordsBefore?: number;
  readonly changes?: readonly CodeChange[];
  /** Share of the previous records a release may remove, e.g. 0.2. */
  readonly maxDeletionShare: number;
}

export type SanityVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Refuses releases that look like a broken download rather than a real publication: nothing
 * parsed, or far more records gone than any real release removes. A refused release is a failed
 * run — never "everything was deleted" in a coder's digest.
 */
export function checkSanity(input: SanityInput): SanityVerdict {
  if (input.recordsAfter === 0) {
    return { ok: false, reason: `${input.sourceId}: the release parsed to 0 records` };
  }
  const before = input.recordsBefore;
  if (before === undefined || before === 0) return { ok: true };
  const limit = input.maxDeletionShare;
  // A terminated HCPCS code is still in the file: only records that left the file count here.
  const removed = (input.changes ?? []).filter(
    (change) => change.changeType === "deleted" && !change.after,
  ).length;
  if (removed / before > limit) {
    return {
      ok: false,
      reason: `${input.sourceId}: the release removes ${removed} of ${before} records (${percent(removed / before)}), above the ${percent(limit)} limit`,
    };
  }
  if (input.recordsAfter < before * (1 - limit)) {
    return {
      ok: false,
      reason: `${input.sourceId}: the release shrinks from ${before} to ${input.recordsAfter} records (${percent(1 - input.recordsAfter / before)}), above the ${percent(limit)} limit`,
    };
  }
  return { ok: true };
}
/**
 * The sanity gate, before anything is written: a release that parsed to nothing or removes far
 * more than any real release does is a failed run, never a mass deletion. A backfill's successor
 * is held to the same limits against the older release.
 */
export function refuseWhatLooksBroken(
  source: Source,
  defaultMaxDeletionShare: number,
  compared: ReleaseComparison,
  successor: SuccessorChanges | undefined,
): void {
  const maxDeletionShare = source.maxDeletionShare ?? defaultMaxDeletionShare;
  const verdicts = [
    checkSanity({
      sourceId: source.id,
      recordsAfter: compared.records,
      recordsBefore: compared.recordsBefore,
      changes: compared.diff?.changes,
      maxDeletionShare,
    }),
    ...(successor
      ? [
          checkSanity({
            sourceId: `${source.id} ${successor.release.version}`,
            recordsAfter: successor.summary.after.records,
            recordsBefore: successor.summary.before.records,
            changes: successor.changes,
            maxDeletionShare,
          }),
        ]
      : []),
  ];
  for (const verdict of verdicts) if (!verdict.ok) throw new Error(verdict.reason);
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
