import type { ReleaseRecord, SourceState } from "#shared/releases/release-record.js";
import {
  ConcurrentRunError,
  type ReleaseCompletion,
  type ReleaseStore,
} from "#shared/releases/release-store.js";
import { Faults } from "./faults.js";

const STATE = "STATE";

/**
 * The sources table in memory, with DynamoDB's semantics: a claim is a conditional put that
 * returns the claim already there; completing is one all-or-nothing write whose conditions (the
 * state revision, a rebased successor still being a baseline) are checked before anything changes.
 */
export class InMemoryReleaseStore implements ReleaseStore {
  private readonly items = new Map<string, ReleaseRecord>();
  private readonly stateItems = new Map<string, SourceState>();

  constructor(private readonly faults = new Faults()) {}

  async state(sourceId: string): Promise<SourceState> {
    await this.faults.at("releases.state");
    return this.stateNow(sourceId);
  }

  async states(sourceIds: readonly string[]): Promise<SourceState[]> {
    return Promise.all(sourceIds.map((id) => this.state(id)));
  }

  async release(sourceId: string, item: string): Promise<ReleaseRecord | undefined> {
    await this.faults.at("releases.release");
    return this.recordNow(sourceId, item);
  }

  async releases(sourceId: string): Promise<ReleaseRecord[]> {
    await this.faults.at("releases.releases");
    return this.releasesNow(sourceId);
  }

  async claim(release: ReleaseRecord): Promise<ReleaseRecord> {
    await this.faults.at("releases.claim");
    const existing = this.recordNow(release.sourceId, release.item);
    if (existing) return existing;
    this.items.set(keyOf(release.sourceId, release.item), structuredClone(release));
    return structuredClone(release);
  }

  async complete(release: ReleaseRecord, { advance, expectedRevision, successor }: ReleaseCompletion) {
    await this.faults.at("releases.complete");
    const state = this.stateItems.get(release.sourceId);
    if (advance && state?.revision !== undefined && state.revision !== expectedRevision) {
      throw new ConcurrentRunError(`another run changed ${release.sourceId} first`);
    }
    const later = successor
      ? this.items.get(keyOf(successor.release.sourceId, successor.release.item))
      : undefined;
    if (successor && later?.baseline !== true) {
      throw new ConcurrentRunError(`another run changed ${release.sourceId} first`);
    }
    const key = keyOf(release.sourceId, release.item);
    const stored = this.items.get(key);
    if (stored) this.items.set(key, { ...stored, status: "complete", summary: release.summary });
    if (advance) {
      const {
        lastError: _cleared,
        failingSince: _ended,
        lastFailure: _over,
        ...kept
      } = this.stateNow(release.sourceId);
      this.stateItems.set(release.sourceId, {
        ...kept,
        ...defined(advance),
        consecutiveFailures: 0,
        revision: expectedRevision + 1,
      });
    }
    if (successor && later) {
      this.items.set(keyOf(later.sourceId, later.item), {
        ...later,
        baseline: false,
        previousReleaseKey: successor.previousReleaseKey,
        summary: successor.summary,
      });
    }
  }

  async noteRun(
    sourceId: string,
    note: Pick<SourceState, "lastRunAt" | "lastRunStatus"> & Partial<SourceState>,
  ): Promise<void> {
    await this.faults.at("releases.noteRun");
    const { lastError: _cleared, ...kept } = this.stateNow(sourceId);
    if (note.lastRunStatus === "failed") {
      this.stateItems.set(sourceId, {
        ...kept,
        ...defined(note),
        consecutiveFailures: (kept.consecutiveFailures ?? 0) + 1,
        failingSince: kept.failingSince ?? note.lastRunAt,
        revision: kept.revision,
      });
      return;
    }
    const { failingSince: _ended, lastFailure: _over, ...rest } = kept;
    this.stateItems.set(sourceId, {
      ...rest,
      ...defined(note),
      consecutiveFailures: 0,
      revision: kept.revision,
    });
  }

  async openAlert(sourceId: string, at: string, afterFailures: number): Promise<SourceState | undefined> {
    await this.faults.at("releases.openAlert");
    const state = this.stateNow(sourceId);
    if (state.alertOpenedAt || (state.consecutiveFailures ?? 0) < afterFailures || !state.failingSince)
      return undefined;
    const opened = { ...state, alertOpenedAt: at, alertFailingSince: state.failingSince };
    this.stateItems.set(sourceId, opened);
    return structuredClone(opened);
  }

  async closeAlert(sourceId: string): Promise<SourceState | undefined> {
    await this.faults.at("releases.closeAlert");
    const state = this.stateNow(sourceId);
    if (!state.alertOpenedAt || (state.consecutiveFailures ?? 0) !== 0) return undefined;
    const { alertOpenedAt: _closed, alertFailingSince: _since, ...rest } = state;
    this.stateItems.set(sourceId, rest);
    return state;
  }

  /** Reads without counting as an operation: what a test looks at after a run. */
  stateNow(sourceId: string): SourceState {
    return structuredClone(this.stateItems.get(sourceId) ?? { sourceId, item: STATE, revision: 0 });
  }

  recordNow(sourceId: string, item: string): ReleaseRecord | undefined {
    const record = this.items.get(keyOf(sourceId, item));
    return record ? structuredClone(record) : undefined;
  }

  releasesNow(sourceId: string): ReleaseRecord[] {
    return [...this.items.values()]
      .filter((record) => record.sourceId === sourceId)
      .sort((a, b) => a.item.localeCompare(b.item))
      .map((record) => structuredClone(record));
  }
}

function keyOf(sourceId: string, item: string): string {
  return `${sourceId}|${item}`;
}

/** DynamoDB's update expressions skip undefined values: so does the fake. */
function defined<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
