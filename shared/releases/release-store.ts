import type { DiffSummary } from "../core/snapshot-diff.js";
import type { ReleaseRecord, SourceState } from "./release-record.js";

/** Thrown when a conditional write loses to a concurrent run of the same source. */
export class ConcurrentRunError extends Error {
  override readonly name = "ConcurrentRunError";
}

/**
 * A later release that was recorded as its source's baseline and now has an older release before
 * it (backfill): on completion it stops being the baseline and records the changes it was compared
 * with the older release for.
 */
export interface SuccessorRebase {
  readonly release: ReleaseRecord;
  readonly previousReleaseKey: string;
  readonly summary: DiffSummary;
}

/** How a claimed release is completed, in one all-or-nothing write. */
export interface ReleaseCompletion {
  /** Makes the release the source's current one; absent for history (the current release stays). */
  readonly advance?: Partial<SourceState>;
  /** The state revision read at the start of the run: advancing fails if another run moved it since. */
  readonly expectedRevision: number;
  /** The successor a backfilled release rebases; fails if it is no longer a baseline. */
  readonly successor?: SuccessorRebase;
}

/**
 * Where each source stands and every release collected from it: one state per source, one record
 * per release. Collection claims a release before writing its changes and completes it after,
 * so a crashed run leaves a pending claim that the next run finishes with the same items.
 */
export interface ReleaseStore {
  /** The source's state; a source never collected has revision 0 and nothing else. */
  state(sourceId: string): Promise<SourceState>;
  states(sourceIds: readonly string[]): Promise<SourceState[]>;
  release(sourceId: string, item: string): Promise<ReleaseRecord | undefined>;
  /** Every release of a source, pending ones included. */
  releases(sourceId: string): Promise<ReleaseRecord[]>;
  /**
   * Claims a release before its changes are written. Returns the claim that holds: a fresh one,
   * or the pending claim of an earlier attempt with the same bytes (whose detection time and
   * evidence the retry must reuse).
   */
  claim(release: ReleaseRecord): Promise<ReleaseRecord>;
  /** Marks a release complete, and advances the source or rebases a successor, all at once. */
  complete(release: ReleaseRecord, completion: ReleaseCompletion): Promise<void>;
  /**
   * Records what a run did without moving the current release (failures, unchanged runs, history).
   * A failed run adds one to `consecutiveFailures` (atomically: runs may race) and starts
   * `failingSince` if no streak is on; any other run ends the streak. Completing a release that
   * advances the source ends it too.
   */
  noteRun(
    sourceId: string,
    note: Pick<SourceState, "lastRunAt" | "lastRunStatus"> & Partial<SourceState>,
  ): Promise<void>;
  /**
   * Opens the source's alert if it has failed at least `afterFailures` times in a row and none is
   * open: conditional, so of any number of racing or retried runs exactly one gets the state back
   * (and sends the one alert). Undefined when the alert was not opened by this call.
   */
  openAlert(sourceId: string, at: string, afterFailures: number): Promise<SourceState | undefined>;
  /**
   * Closes the source's open alert once its failure streak has ended: conditional, so exactly one
   * run gets the state as it was before (and sends the one recovery email). Undefined otherwise.
   */
  closeAlert(sourceId: string): Promise<SourceState | undefined>;
}
