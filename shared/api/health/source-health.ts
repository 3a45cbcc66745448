import type { ReleaseRecord, SourceState } from "../../releases/release-record.js";
import type { Source } from "../../sources/source.js";
import { nextScheduledRun } from "./schedule-next-run.js";

/**
 * - `ok`: the last run succeeded (or found nothing new) and a success is recent enough.
 * - `failing`: the last run failed; `lastError` says why.
 * - `silent`: no success for longer than the source's cadence allows.
 * - `never-run`: nothing collected yet.
 */
export type SourceStatus = "ok" | "failing" | "silent" | "never-run";

export interface SourceHealth {
  readonly sourceId: string;
  readonly title: string;
  readonly kind: Source["kind"];
  readonly system: string;
  readonly systemLabel: string;
  readonly schedule: string;
  readonly silentAfterHours: number;
  readonly status: SourceStatus;
  readonly lastRunAt?: string;
  readonly lastRunStatus?: string;
  readonly lastSuccessAt?: string;
  readonly lastError?: string;
  readonly currentVersion?: string;
  readonly currentEffectiveDate?: string;
  /** Records in the current release (codes and headers). */
  readonly currentRecords?: number;
  readonly releases: number;
  /** Changes recorded over all releases (valid codes and headers). */
  readonly changesRecorded: number;
  readonly nextExpectedRunAt?: string;
}

const HOUR_MS = 3_600_000;

/** A source's health from its catalog entry, its state item and its releases. */
export function sourceHealth(
  source: Source,
  state: SourceState,
  releases: readonly ReleaseRecord[],
  now: Date,
): SourceHealth {
  const lastRun = state.lastRunAt ? new Date(state.lastRunAt) : undefined;
  const next = nextScheduledRun(source.cadence.schedule, now, lastRun);
  return {
    sourceId: source.id,
    title: source.title,
    kind: source.kind,
    system: source.rules.system,
    systemLabel: source.rules.label,
    schedule: source.cadence.schedule,
    silentAfterHours: source.cadence.silentAfterHours,
    status: statusOf(source, state, now),
    ...optional({
      lastRunAt: state.lastRunAt,
      lastRunStatus: state.lastRunStatus,
      lastSuccessAt: state.lastSuccessAt,
      lastError: state.lastError,
      currentVersion: state.currentVersion,
      currentEffectiveDate: state.currentEffectiveDate,
      currentRecords: state.currentRecords,
      nextExpectedRunAt: next?.toISOString(),
    }),
    releases: releases.length,
    changesRecorded: releases.reduce((sum, release) => sum + changesIn(release), 0),
  };
}

/** Valid-code and header changes of one release; a baseline records none. */
export function changesIn(release: ReleaseRecord): number {
  const summary = release.summary;
  if (!summary || release.baseline) return 0;
  const headers = summary.headers ?? { added: 0, deleted: 0, revised: 0 };
  return (
    summary.added + summary.deleted + summary.revised + headers.added + headers.deleted + headers.revised
  );
}

function statusOf(source: Source, state: SourceState, now: Date): SourceStatus {
  if (!state.lastRunAt) return "never-run";
  if (state.lastRunStatus === "failed") return "failing";
  const lastSuccess = state.lastSuccessAt ? Date.parse(state.lastSuccessAt) : Number.NaN;
  if (Number.isNaN(lastSuccess) || now.getTime() - lastSuccess > source.cadence.silentAfterHours * HOUR_MS) {
    return "silent";
  }
  return "ok";
}

function optional<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
