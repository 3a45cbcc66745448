import type { ChangeRecord } from "../changes/change-record.js";
import { toChangeRecords } from "../changes/from-diff.js";
import type { Evidence } from "../evidence/evidence.js";
import { filesOf, type ReleaseRecord } from "../releases/release-record.js";
import type { Source } from "../sources/source.js";
import { evidenceOfChange } from "./change-evidence.js";
import type { ReleaseComparison } from "./collection-strategy.js";
import type { SuccessorChanges } from "./successor-changes.js";

/**
 * The change records of a run: the release's own changes, and a backfill's successor's changes
 * against it. Both are history when the release is, and both take the claim's detection time and
 * run, so a retry rewrites the same items. Each change points at the archived file it was read
 * from: `files` for the release's own, the successor's recorded files for its changes.
 */
export function changeRecords(
  source: Source,
  claim: ReleaseRecord,
  previous: ReleaseRecord | undefined,
  compared: ReleaseComparison,
  successor: SuccessorChanges | undefined,
  files: readonly [Evidence, ...Evidence[]],
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
        evidenceOf: evidenceOfChange(files, {
          ...(compared.filesOfChange ? { filesOfChange: compared.filesOfChange } : {}),
          ...(compared.partStarts ? { partStarts: compared.partStarts } : {}),
        }),
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
        evidenceOf: evidenceOfChange(
          filesOf(later),
          later.partStarts ? { partStarts: later.partStarts } : {},
        ),
        runId: claim.runId,
      }),
    );
  }
  return records;
}
