import { type Logger, recordCollectionMetrics } from "../log/index.js";
import type { RunRecord } from "../runs/run-record.js";

/**
 * What a finished run tells operations: its metrics (the alarms read them) and one log line,
 * at error level when it failed. Statuses and counts only: a run record carries no personal data.
 */
export function reportRun(run: RunRecord, logger: Logger): void {
  const counts = run.summary ?? { added: 0, deleted: 0, revised: 0 };
  recordCollectionMetrics({
    sourceId: run.sourceId,
    status: run.status === "running" ? "failed" : run.status,
    records: run.records ?? 0,
    added: counts.added,
    deleted: counts.deleted,
    revised: counts.revised,
    durationMs: run.durationMs ?? 0,
  });
  for (const warning of run.warnings ?? [])
    logger.warn("collection run skipped something", { sourceId: run.sourceId, warning });
  const log = run.status === "failed" ? logger.error.bind(logger) : logger.info.bind(logger);
  log("collection run finished", {
    sourceId: run.sourceId,
    status: run.status,
    version: run.version,
    records: run.records,
    summary: run.summary,
    reason: run.reason,
    durationMs: run.durationMs,
  });
}
