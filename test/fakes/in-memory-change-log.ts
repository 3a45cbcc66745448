import type { ChangeLog } from "#shared/changes/change-log.js";
import type { ChangeRecord } from "#shared/changes/change-record.js";
import { Faults } from "./faults.js";

/** DynamoDB takes 25 items per batch write: a run can die between any two batches. */
const BATCH = 25;

/** The change log in memory: one item per id, written batch by batch as DynamoDB would. */
export class InMemoryChangeLog implements ChangeLog {
  private readonly items = new Map<string, ChangeRecord>();

  constructor(private readonly faults = new Faults()) {}

  async write(changes: readonly ChangeRecord[], onProgress?: (written: number) => void): Promise<void> {
    for (let at = 0; at < changes.length; at += BATCH) {
      await this.faults.at("changes.write batch");
      // A put replaces the item with the same id, as a DynamoDB PutRequest does.
      for (const change of changes.slice(at, at + BATCH)) this.items.set(change.id, structuredClone(change));
      onProgress?.(Math.min(at + BATCH, changes.length));
    }
  }

  /** Every stored change, of one source or all. */
  stored(sourceId?: string): ChangeRecord[] {
    return [...this.items.values()].filter((change) => !sourceId || change.sourceId === sourceId);
  }
}
