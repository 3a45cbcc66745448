import type { ChangeRecord } from "../changes/change-record.js";
import { toChangeRecords } from "../changes/from-diff.js";
import type { ReleaseRecord } from "../releases/release-record.js";
import type { Source } from "../sources/source.js";
import type { ReleaseComparison } from "./collection-strategy.js";
import type { SuccessorChanges } from "./successor-changes.js";

/**
 * The change records of a run: the release's own changes, and a backfill's successor's changes
 * against it. Both are history when the release is, and both take the claim's detection time and
 * run, so a retry rewrites the same items.
 */
export function changeRecords(
  source: Source,
  claim: ReleaseRecord,
  previous: ReleaseRecord | undefined,
  compared: ReleaseComparison,
  successor: SuccessorChanges | undefined,
): ChangeRecord[] {
  const records: ChangeRecord[] = [];
  if (compared.diff && previous) {
    records.push(
      ...toChangeRecords(compared.diff.changes, {
        sourceId: source.id,
        rules: source.rules,
        version: claim.version,
        releaseKey: claim.releaseKey,
        previousVersion: previous.version,
        effectiveDate: claim.effectiveDate,
        detectedAt: claim.detectedAt,
        history: claim.history,
        evidence: claim.evidence,
        runId: claim.runId,
      }),
    );
  }
  if (successor) {
    const later = successor.release;
    records.push(
      ...toChangeRecords(successor.changes, {
        sourceId: source.id,
        rules: source.rules,
        version: later.version,
        releaseKey: later.releaseKey,
        previousVersion: claim.version,
        effectiveDate: later.effectiveDate,
        detectedAt: claim.detectedAt,
        // Found while collecting an older release: never news, whatever the later release was.
        history: true,
        evidence: later.evidence,
        runId: claim.runId,
      }),
    );
  }
  return records;
}
