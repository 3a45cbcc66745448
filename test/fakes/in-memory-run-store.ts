import type { RunRecord } from "#shared/runs/run-record.js";
import type { RunStore } from "#shared/runs/run-store.js";
import { Faults } from "./faults.js";

/** The run log in memory: one record per run key, replaced when the run finishes. */
export class InMemoryRunStore implements RunStore {
  private readonly runs = new Map<string, RunRecord>();

  constructor(private readonly faults = new Faults()) {}

  async put(run: RunRecord): Promise<void> {
    await this.faults.at("runs.put");
    this.runs.set(`${run.sourceId}|${run.runKey}`, structuredClone(run));
  }

  async closeIfRunning(closed: RunRecord): Promise<boolean> {
    await this.faults.at("runs.closeIfRunning");
    const key = `${closed.sourceId}|${closed.runKey}`;
    if (this.runs.get(key)?.status !== "running") return false;
    this.runs.set(key, structuredClone(closed));
    return true;
  }

  async bySource(sourceId: string, limit = 50): Promise<RunRecord[]> {
    return [...this.runs.values()]
      .filter((run) => run.sourceId === sourceId)
      .sort((a, b) => b.runKey.localeCompare(a.runKey))
      .slice(0, limit);
  }
}
