import type { FailureKind } from "../core/failure-kind.js";
import type { PublisherCheckStatus, PublisherCounts } from "../core/publisher-counts.js";
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
  /**
   * What makes the release "already collected": the sha256 of its single file, of its parts'
   * hashes in order (NCCI), or of its documents' meaningful content. Not a file's hash, so never
   * shown as evidence. Records written before it was kept apart carry it in `evidence.sha256`.
   */
  readonly identity?: string;
  /** The release's first file (its bytes hash to `evidence.sha256`) and the stored snapshot. */
  readonly evidence: Evidence;
  /** Every file the release was read from, in order, each archived under its own sha256. */
  readonly files?: readonly Evidence[];
  /**
   * For a release in several parts (NCCI PTP): the first key of each part, in file order, so a
   * change is pointed at the part that holds its key.
   */
  readonly partStarts?: readonly string[];
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
  /** What the publisher itself says the release changed (ICD-10 addenda, HCPCS ACTION CD). */
  readonly publisherCounts?: PublisherCounts;
  /** Whether the publisher's counts agree with the diff; a `disagrees` is a finding for the compliance team. */
  readonly publisherCheck?: PublisherCheckResult;
}

/** A publisher check as stored: its verdict and the sentence that explains it (the counts are beside it). */
export interface PublisherCheckResult {
  readonly status: PublisherCheckStatus;
  readonly note: string;
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
  /** What kind of failure the last failed run was (blocked, unreachable, parse failed…). */
  readonly lastFailure?: FailureKind;
  /** Failed runs since the last run that did not fail; 0 or absent when the last run did not fail. */
  readonly consecutiveFailures?: number;
  /** When the current streak of failed runs began. */
  readonly failingSince?: string;
  /**
   * Set when operators were alerted that the source is failing (conditionally, so one alert is
   * sent however many runs race), removed when it recovers (the one recovery email).
   */
  readonly alertOpenedAt?: string;
  /** The streak the open alert is about: when it began. */
  readonly alertFailingSince?: string;
  /** Bumped on every advance; the conditional write that advances it fails if another run got there first. */
  readonly revision: number;
}

/** The release's "already collected" identity, for records written before it was kept apart too. */
export function identityOf(release: ReleaseRecord): string {
  return release.identity ?? release.evidence.sha256;
}

/** Every archived file of a release (records written before all were kept name the first only). */
export function filesOf(release: ReleaseRecord): readonly [Evidence, ...Evidence[]] {
  const [first, ...rest] = release.files ?? [];
  return first ? [first, ...rest] : [release.evidence];
}

export function releaseItemKey(effectiveDate: string, version: string, sha256: string): string {
  return `RELEASE#${effectiveDate}#${version}#${sha256.slice(0, 16)}`;
}
