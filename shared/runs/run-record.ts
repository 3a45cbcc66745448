import type { FailureKind } from "../core/failure-kind.js";
import type { PublisherCounts } from "../core/publisher-counts.js";
import type { DiffSummary } from "../core/snapshot-diff.js";
import type { Evidence } from "../evidence/evidence.js";
import type { PublisherCheckResult } from "../releases/release-record.js";

/**
 * - `baseline`: the first release of a source, recorded as the starting point, not as changes.
 * - `succeeded`: a new release, its changes written.
 * - `unchanged`: nothing new was published (304, or the same bytes again).
 * - `failed`: fetch, parse or sanity gate refused the release; nothing was written.
 */
export type RunStatus = "running" | "baseline" | "succeeded" | "unchanged" | "failed";

/** One collection run of one source, kept for the run log and the operators' alarms. */
export interface RunRecord {
  readonly sourceId: string;
  /** Sort key: `<startedAt>#<runId>`. */
  readonly runKey: string;
  readonly runId: string;
  readonly startedAt: string;
  readonly startedDay: string;
  readonly finishedAt?: string;
  readonly durationMs?: number;
  readonly status: RunStatus;
  readonly version?: string;
  readonly previousVersion?: string;
  readonly records?: number;
  readonly summary?: DiffSummary;
  /** The publisher's own counts of the release and whether the diff agrees (see `ReleaseRecord`). */
  readonly publisherCounts?: PublisherCounts;
  readonly publisherCheck?: PublisherCheckResult;
  /** Change items written by this run (0 when a retry found them all already there). */
  readonly changesWritten?: number;
  /** Why a run failed or found nothing, in words an operator can act on. */
  readonly reason?: string;
  /** For a failed run: what kind of failure (blocked, unreachable, parse failed…), read from the error's type. */
  readonly failure?: FailureKind;
  /** What the run skipped rather than trusted (a malformed link on a publisher's page), in words. */
  readonly warnings?: readonly string[];
  readonly evidence?: Partial<Evidence>;
  readonly history?: boolean;
  /** Epoch seconds: run records age out of the table (TTL). */
  readonly expiresAt: number;
}
