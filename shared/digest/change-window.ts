import { addDays } from "../calendar/local-date.js";
import type { ChangeRecord } from "../changes/change-record.js";
import type { ChangeStore } from "../changes/change-store.js";
import { ChangeIndex } from "./change-index.js";
import type { CompleteReleases } from "./complete-releases.js";

/** How long a day's changes are reused: today's may still grow while a collector runs. */
const FRESH_MS = 5 * 60_000;

/**
 * Changes detected in a window, read day by day from the `byDetectedDay` index and cached, so a
 * batch of subscribers with the same window reads the change log once and matches in memory. Only
 * changes of complete releases count: a release still being written (or whose run died) is not
 * news yet, and its changes join the window they were detected in once the release completes.
 */
export class ChangeWindow {
  private readonly days = new Map<string, { at: number; changes: Promise<ChangeRecord[]> }>();
  private readonly indexes = new Map<string, { at: number; index: Promise<ChangeIndex> }>();

  constructor(
    private readonly store: ChangeStore,
    private readonly releases: CompleteReleases,
    private readonly clock: () => number = () => Date.now(),
  ) {}

  /** Changes with `since < detectedAt <= until`, indexed for matching. */
  async between(since: string, until: string): Promise<ChangeIndex> {
    const key = `${since}|${until}`;
    const cached = this.indexes.get(key);
    if (cached && this.clock() - cached.at < FRESH_MS) return cached.index;
    const index = (async () => {
      const days: string[] = [];
      for (let day = since.slice(0, 10); day <= until.slice(0, 10); day = addDays(day, 1)) days.push(day);
      const all = (await Promise.all(days.map((day) => this.day(day)))).flat();
      const inWindow = all.filter((change) => change.detectedAt > since && change.detectedAt <= until);
      return new ChangeIndex(await this.ofCompleteReleases(inWindow));
    })();
    this.indexes.set(key, { at: this.clock(), index });
    return index;
  }

  private async ofCompleteReleases(changes: readonly ChangeRecord[]): Promise<ChangeRecord[]> {
    const releases = new Map<string, { sourceId: string; releaseKey: string }>();
    for (const { sourceId, releaseKey } of changes)
      releases.set(`${sourceId}|${releaseKey}`, { sourceId, releaseKey });
    const complete = new Set<string>();
    await Promise.all(
      [...releases].map(async ([key, { sourceId, releaseKey }]) => {
        if (await this.releases.isComplete(sourceId, releaseKey)) complete.add(key);
      }),
    );
    return changes.filter((change) => complete.has(`${change.sourceId}|${change.releaseKey}`));
  }

  private day(day: string): Promise<ChangeRecord[]> {
    const cached = this.days.get(day);
    if (cached && this.clock() - cached.at < FRESH_MS) return cached.changes;
    const changes = this.store.all((cursor) => this.store.byDetectedDay(day, { cursor, limit: 1000 }));
    this.days.set(day, { at: this.clock(), changes });
    changes.catch(() => this.days.delete(day));
    return changes;
  }
}
