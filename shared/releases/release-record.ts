import type { DiffSummary } from "../core/snapshot-diff.js";
import type { Evidence } from "../evidence/evidence.js";

/**
 * A release of a source as codecurrent collected it. `pending` while its changes are being
 * written; `complete` once they all are. A retried run finds the pending claim and reuses its
 * detection time and evidence, so it writes exactly the same change items again.
 */
export interface ReleaseRecord {
  readonly sourceId: string;
  /** Sort key: `RELEASE#<effectiveDate>#<version>#<sha256 prefix>`, so releases sort by date. */
  readonly item: string;
  readonly releaseKey: string;
  readonly status: "pending" | "complete";
  readonly version: string;
  readonly effectiveDate: string;
  readonly evidence: Evidence;
  readonly records: number;
  readonly codes: number;
  readonly detectedAt: string;
  readonly runId: string;
  /** True for an older release collected after a newer one (backfill): history, not news. */
  readonly history: boolean;
  /** The first release of a source: recorded as the baseline, not as changes. */
  readonly baseline: boolean;
  readonly previousReleaseKey?: string;
  /** For a locally replayed document snapshot: its label, so a second replay skips it. */
  readonly replayLabel?: string;
  readonly summary?: DiffSummary;
}

/** Where a source stands: its newest collected release and what the last run did. */
export interface SourceState {
  readonly sourceId: string;
  readonly item: "STATE";
  readonly currentReleaseKey?: string;
  readonly currentVersion?: string;
  readonly currentEffectiveDate?: string;
  readonly currentRecords?: number;
  /** Validators of the current release's file, for conditional GETs. */
  readonly etag?: string;
  readonly lastModified?: string;
  readonly fetchedUrl?: string;
  readonly lastRunAt?: string;
  readonly lastRunStatus?: string;
  readonly lastSuccessAt?: string;
  readonly lastError?: string;
  /** Bumped on every advance; the conditional write that advances it fails if another run got there first. */
  readonly revision: number;
}

export function releaseItemKey(effectiveDate: string, version: string, sha256: string): string {
  return `RELEASE#${effectiveDate}#${version}#${sha256.slice(0, 16)}`;
}
