import type { FailureKind } from "../../core/failure-kind.js";
import type { ReleaseRecord, SourceState } from "../../releases/release-record.js";
import { missingRelease } from "../../sources/expected-release.js";
import { isCodeSet, type Source } from "../../sources/source.js";
import { nextScheduledRun } from "./schedule-next-run.js";

/**
 * What a source's state tells an operator, most pressing first:
 * - `never-run`: nothing collected yet;
 * - a failure kind (`blocked`, `unreachable`, `parse-failed`, `refused`, `did-not-finish`,
 *   `failed`): the last run failed that way; `lastError` says why;
 * - `stale`: no successful run for longer than the source's cadence allows;
 * - `expected-release-missing`: the release due by now (an October ICD-10 year, a quarter's
 *   HCPCS or NCCI file two weeks ahead) has not been found; `statusReason` says which;
 * - `no-new-release`: the last run found nothing new;
 * - `ok`: the last run collected a release.
 */
export type SourceStatus =
  | "ok"
  | "no-new-release"
  | FailureKind
  | "expected-release-missing"
  | "stale"
  | "never-run";

export interface SourceHealth {
  readonly sourceId: string;
  readonly title: string;
  readonly kind: Source["kind"];
  readonly system: string;
  readonly systemLabel: string;
  readonly schedule: string;
  readonly silentAfterHours: number;
  readonly status: SourceStatus;
  /** Why the status is what it is, when the state's own fields do not say (a missing release). */
  readonly statusReason?: string;
  /** Failed runs in a row, and since when, while the source is failing. */
  readonly consecutiveFailures?: number;
  readonly failingSince?: string;
  /** When operators were alerted that the source is failing (one email per streak). */
  readonly alertOpenedAt?: string;
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
    ...statusOf(source, state, now),
    ...optional({
      consecutiveFailures: state.consecutiveFailures || undefined,
      failingSince: state.failingSince,
      alertOpenedAt: state.alertOpenedAt,
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

function statusOf(
  source: Source,
  state: SourceState,
  now: Date,
): { status: SourceStatus; statusReason?: string } {
  if (!state.lastRunAt) return { status: "never-run" };
  if (state.lastRunStatus === "failed") return { status: state.lastFailure ?? "failed" };
  const lastSuccess = state.lastSuccessAt ? Date.parse(state.lastSuccessAt) : Number.NaN;
  if (Number.isNaN(lastSuccess) || now.getTime() - lastSuccess > source.cadence.silentAfterHours * HOUR_MS) {
    return {
      status: "stale",
      statusReason: `no successful run for over ${source.cadence.silentAfterHours} hours`,
    };
  }
  const expected = isCodeSet(source) ? source.expectedRelease : undefined;
  const missing = expected ? missingRelease(expected, state.currentEffectiveDate, now) : undefined;
  if (missing) return { status: "expected-release-missing", statusReason: missing };
  return { status: state.lastRunStatus === "unchanged" ? "no-new-release" : "ok" };
}

function optional<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
