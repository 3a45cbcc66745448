import { randomUUID } from "node:crypto";
import type { RunRecord, RunStatus } from "../runs/run-record.js";
import type { RunStore } from "../runs/run-store.js";

/** Run records stay a year: long enough to answer "did we check that week?" */
const RUN_RETENTION_SECONDS = 366 * 24 * 3600;

/** The run record, written as `running` first so a run that dies still shows in the run log. */
export async function startRun(
  sourceId: string,
  deps: { readonly runs: RunStore; readonly now?: () => Date },
  warnings: readonly string[] = [],
) {
  const now = deps.now ?? (() => new Date());
  const started = now();
  const runId = randomUUID();
  const startedAt = started.toISOString();
  const base = {
    sourceId,
    runKey: `${startedAt}#${runId}`,
    runId,
    startedAt,
    startedDay: startedAt.slice(0, 10),
    expiresAt: Math.floor(started.getTime() / 1000) + RUN_RETENTION_SECONDS,
  };
  await deps.runs.put({ ...base, status: "running" });
  return {
    started,
    startedAt,
    runId,
    async finish(fields: Partial<RunRecord> & { status: RunStatus }): Promise<RunRecord> {
      const finishedAt = now();
      const record: RunRecord = {
        ...base,
        ...fields,
        ...(warnings.length > 0 ? { warnings: [...warnings] } : {}),
        finishedAt: finishedAt.toISOString(),
        durationMs: finishedAt.getTime() - started.getTime(),
      };
      await deps.runs.put(record);
      return record;
    },
  };
}
