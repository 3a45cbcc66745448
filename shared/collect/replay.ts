import type { RunRecord } from "../runs/run-record.js";
import type { CodeSetSource, ReleaseCandidate } from "../sources/source.js";
import { type CollectDependencies, collectSource } from "./collect-source.js";

/**
 * Collects recorded releases of a source oldest first, as if each had just been published: the
 * first becomes the baseline, each later one is diffed against the one before. Releases already
 * collected are recognised by their bytes and change nothing.
 */
export async function replayReleases(
  source: CodeSetSource,
  releases: readonly ReleaseCandidate[],
  deps: CollectDependencies,
  onRun?: (run: RunRecord) => void,
): Promise<RunRecord[]> {
  const ordered = [...releases].sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate));
  const runs: RunRecord[] = [];
  for (const release of ordered) {
    const run = await collectSource(source, deps, { release });
    runs.push(run);
    onRun?.(run);
  }
  return runs;
}
