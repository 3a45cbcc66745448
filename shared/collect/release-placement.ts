import type { ReleaseRecord, SourceState } from "../releases/release-record.js";
import type { ReleaseStore } from "../releases/release-store.js";
import type { ObtainedRelease } from "./collection-strategy.js";

/** Where a release stands among the releases already collected from its source. */
export interface ReleasePlacement {
  /** The release it is compared with; none for the first. */
  readonly previous?: ReleaseRecord;
  /** Older than the current release (a backfill): its changes are history, the current release stays. */
  readonly history: boolean;
  /**
   * For a history release older than every collected one: the release after it, when that was
   * recorded as the source's baseline. Its real changes against this release are now known.
   */
  readonly successor?: ReleaseRecord;
}

/**
 * A release its strategy pins (a document set, read against the current set) is compared with
 * that. Otherwise a release newer than (or as new as) the current one is news and is compared with
 * the newest complete release not after it; a re-issue of the same date compares with the earlier
 * issue. An older release collected late is history, compared with the newest complete release
 * before it.
 */
export async function placeRelease(
  store: ReleaseStore,
  state: SourceState,
  { release, comparedWith }: ObtainedRelease,
  item: string,
): Promise<ReleasePlacement> {
  if (comparedWith)
    return { ...(comparedWith.release ? { previous: comparedWith.release } : {}), history: false };
  const complete = (await store.releases(state.sourceId)).filter(
    (r) => r.status === "complete" && r.item !== item,
  );
  // Releases sort by effective date then detection: a re-issued file of the same version follows the earlier issue.
  complete.sort(
    (a, b) => a.effectiveDate.localeCompare(b.effectiveDate) || a.detectedAt.localeCompare(b.detectedAt),
  );
  const history = Boolean(state.currentEffectiveDate && release.effectiveDate < state.currentEffectiveDate);
  const previous = complete
    .filter((r) =>
      history ? r.effectiveDate < release.effectiveDate : r.effectiveDate <= release.effectiveDate,
    )
    .at(-1);
  if (!history || previous) return { ...(previous ? { previous } : {}), history };
  const successor = complete.find((r) => r.effectiveDate > release.effectiveDate);
  return { history, ...(successor?.baseline ? { successor } : {}) };
}
