import type { CodeChange } from "../core/snapshot-diff.js";

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

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
