import type { ReleaseCandidate } from "../core/release.js";
import type { ReleaseStore } from "../releases/release-store.js";
import type { RunRecord } from "../runs/run-record.js";
import type { CodeSetSource, DocumentSource } from "../sources/source.js";
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

/** A recorded moment of a document source, and the dependencies that read the publisher as it was then. */
export interface DocumentSnapshotStep {
  readonly label: string;
  readonly deps: CollectDependencies;
}

/**
 * Collects a document source at each recorded moment, in order. A moment at or before the one the
 * current release came from is skipped: re-reading an older listing would report its documents'
 * later edits as reverted.
 */
export async function replayDocumentSnapshots(
  source: DocumentSource,
  steps: readonly DocumentSnapshotStep[],
  releases: ReleaseStore,
  onRun?: (run: RunRecord) => void,
): Promise<RunRecord[]> {
  const state = await releases.state(source.id);
  const current = state.currentReleaseKey
    ? await releases.release(source.id, `RELEASE#${state.currentReleaseKey}`)
    : undefined;
  const runs: RunRecord[] = [];
  for (const step of [...steps].sort((a, b) => a.label.localeCompare(b.label))) {
    if (current?.replayLabel && step.label <= current.replayLabel) continue;
    const run = await collectSource(source, step.deps, { replayLabel: step.label });
    runs.push(run);
    onRun?.(run);
  }
  return runs;
}
