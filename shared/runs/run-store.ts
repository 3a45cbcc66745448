import type { RunRecord } from "./run-record.js";

/** The run log: one record per collection run, written when it starts and again when it ends. */
export interface RunStore {
  put(run: RunRecord): Promise<void>;
  /** Runs of one source, newest first. */
  bySource(sourceId: string, limit?: number): Promise<RunRecord[]>;
  /**
   * Writes `closed` over a run only if it is still `running`: of two runs closing the same
   * abandoned run, one does. Resolves whether this call closed it.
   */
  closeIfRunning(closed: RunRecord): Promise<boolean>;
}
