import { DID_NOT_FINISH } from "../core/failure-kind.js";
import type { ReleaseStore } from "../releases/release-store.js";
import type { RunRecord } from "../runs/run-record.js";
import type { RunStore } from "../runs/run-store.js";

/**
 * A run still `running` this long after it started is dead: Lambda stops any function at 15
 * minutes, and a timeout or an out-of-memory kill leaves no chance to write the outcome.
 */
export const ABANDONED_AFTER_MS = 15 * 60_000;

/** How many of a source's newest runs are looked at for abandoned ones. */
const RUNS_LOOKED_AT = 20;

/**
 * Closes the source's runs that were killed mid-way (left `running` forever) as failed, with the
 * reason an operator can act on, and counts each as a failure of the source. Conditional: of two
 * runs closing the same abandoned run, one does, so a failure is counted once.
 */
export async function closeAbandonedRuns(
  sourceId: string,
  deps: { readonly runs: RunStore; readonly releases: ReleaseStore },
  now: Date,
): Promise<RunRecord[]> {
  const closed: RunRecord[] = [];
  const recent = await deps.runs.bySource(sourceId, RUNS_LOOKED_AT);
  const abandoned = recent.filter(
    (run) => run.status === "running" && now.getTime() - Date.parse(run.startedAt) >= ABANDONED_AFTER_MS,
  );
  // Oldest first, so the failure streak starts when the first of them did.
  for (const run of abandoned.reverse()) {
    const record: RunRecord = {
      ...run,
      status: "failed",
      failure: "did-not-finish",
      reason: DID_NOT_FINISH,
      finishedAt: now.toISOString(),
    };
    if (!(await deps.runs.closeIfRunning(record))) continue;
    await deps.releases.noteRun(sourceId, {
      lastRunAt: run.startedAt,
      lastRunStatus: "failed",
      lastError: DID_NOT_FINISH,
      lastFailure: "did-not-finish",
    });
    closed.push(record);
  }
  return closed;
}
