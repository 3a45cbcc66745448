import type { ReleaseRecord } from "../../releases/release-record.js";
import { changesIn } from "./source-health.js";

export interface VolumePoint {
  readonly version: string;
  readonly effectiveDate: string;
  readonly detectedAt: string;
  readonly added: number;
  readonly deleted: number;
  readonly revised: number;
  /** Every change of the release: valid codes and headers. */
  readonly total: number;
  readonly history: boolean;
}

export interface VolumeSeries {
  readonly sourceId: string;
  readonly points: readonly VolumePoint[];
}

/**
 * Change volume per source over time, one point per collected release on its effective date:
 * read from the release summaries, so the chart costs one small query per source however large
 * the change log grows. Baselines carry no changes and are left out.
 */
export function changeVolume(sourceId: string, releases: readonly ReleaseRecord[]): VolumeSeries {
  const points = releases
    .filter((release) => !release.baseline && release.status === "complete" && release.summary)
    .map((release) => ({
      version: release.version,
      effectiveDate: release.effectiveDate,
      detectedAt: release.detectedAt,
      added: release.summary!.added,
      deleted: release.summary!.deleted,
      revised: release.summary!.revised,
      total: changesIn(release),
      history: release.history,
    }))
    .sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate));
  return { sourceId, points };
}
