import type { ChangeLog } from "../changes/change-log.js";
import type { ReleaseCandidate } from "../core/release.js";
import type { Evidence } from "../evidence/evidence.js";
import type { EvidenceArchive } from "../evidence/evidence-archive.js";
import { type ReleaseRecord, releaseItemKey, type SourceState } from "../releases/release-record.js";
import type { ReleaseStore } from "../releases/release-store.js";
import type { RunRecord } from "../runs/run-record.js";
import type { RunStore } from "../runs/run-store.js";
import type { FetchDocument, Source } from "../sources/source.js";
import type { EvidenceFile, ObtainedRelease, RunContext } from "./collection-strategy.js";
import { changeRecords } from "./release-change-records.js";
import type { DownloadRelease } from "./release-download.js";
import { placeRelease } from "./release-placement.js";
import { startRun } from "./run-in-progress.js";
import { refuseWhatLooksBroken } from "./sanity-gate.js";
import { strategyFor } from "./strategies/registry.js";
import { type SuccessorChanges, successorChanges } from "./successor-changes.js";

/** The stores and the publishers a collection run works with, each behind its own small interface. */
export interface CollectDependencies {
  readonly changes: ChangeLog;
  readonly releases: ReleaseStore;
  readonly runs: RunStore;
  readonly archive: EvidenceArchive;
  readonly download: DownloadRelease;
  /** Pages, feeds and API responses for document sources (and release discovery pages). */
  readonly fetchDocument: FetchDocument;
  readonly maxDeletionShare: number;
  readonly now?: () => Date;
  /** Progress of long steps (writing thousands of changes), for CLIs. */
  readonly onProgress?: (step: string, done: number, total: number) => void;
}

export interface CollectOptions {
  /** Collect this release instead of looking for the newest published one (replay, backfill). */
  readonly release?: ReleaseCandidate;
  /** Marks the release as a replay of a recorded document snapshot (see `ReleaseRecord.replayLabel`). */
  readonly replayLabel?: string;
}

/**
 * Collects one source once, the same way for every kind of source:
 * run record → obtain → compare → sanity gate → archive → claim → write → complete.
 * Obtaining and comparing are the source kind's strategy (`strategies/`); the rest is here. The
 * order is what makes a run safe to repeat: nothing is written before the gate; evidence is
 * archived before the release is claimed, so no change ever points at bytes that were not kept;
 * change ids are deterministic and a retry reuses the first attempt's claim (its detection time
 * and evidence), so it writes the very same items; and the source only moves when the completion,
 * conditional on the state this run read, succeeds. Every outcome leaves a run record.
 */
export async function collectSource(
  source: Source,
  deps: CollectDependencies,
  options: CollectOptions = {},
): Promise<RunRecord> {
  const run = await startRun(source.id, deps);
  let evidence: Partial<Evidence> | undefined;
  try {
    const state = await deps.releases.state(source.id);
    const context: RunContext = { startedAt: run.started, state, options, deps };
    const strategy = strategyFor(source);

    const obtained = await strategy.obtain(source, context);
    if (obtained.status === "unchanged") {
      await deps.releases.noteRun(source.id, {
        lastRunAt: run.startedAt,
        lastRunStatus: "unchanged",
        lastSuccessAt: run.startedAt,
      });
      return await run.finish({
        status: "unchanged",
        reason: obtained.reason,
        version: obtained.version ?? state.currentVersion,
        ...(obtained.evidence ? { evidence: obtained.evidence } : {}),
      });
    }
    const first = obtained.files[0]!;
    evidence = { url: first.url, fetchedAt: first.fetchedAt, sha256: obtained.identity };
    const item = releaseItemKey(obtained.release.effectiveDate, obtained.release.version, obtained.identity);
    const { previous, history, successor: later } = await placeRelease(deps.releases, state, obtained, item);

    const compared = await strategy.compare(source, obtained, previous, context);
    const successor = later
      ? await successorChanges(later, compared.encoded, source.rules, deps.archive)
      : undefined;

    refuseWhatLooksBroken(source, deps.maxDeletionShare, compared, successor);

    // Evidence first: a change must never point at bytes that were not kept.
    const archiveKey = await archiveFiles(deps.archive, source.id, obtained.files);
    const snapshotKey = await deps.archive.putSnapshot(source.id, compared.encoded);

    const claim = await deps.releases.claim({
      sourceId: source.id,
      item,
      releaseKey: item.slice("RELEASE#".length),
      status: "pending",
      version: obtained.release.version,
      effectiveDate: obtained.release.effectiveDate,
      evidence: {
        url: first.url,
        fetchedAt: first.fetchedAt,
        sha256: obtained.identity,
        archiveKey,
        snapshotKey,
      },
      records: compared.records,
      codes: compared.codes,
      detectedAt: run.startedAt,
      runId: run.runId,
      history,
      baseline: !previous,
      ...(previous ? { previousReleaseKey: previous.releaseKey } : {}),
      ...(compared.diff ? { summary: compared.diff.summary } : {}),
      ...(options.replayLabel ? { replayLabel: options.replayLabel } : {}),
    });
    evidence = claim.evidence;

    const records = changeRecords(source, claim, previous, compared, successor);
    if (records.length > 0) {
      await deps.changes.write(records, (done) => deps.onProgress?.("write changes", done, records.length));
    }

    await deps.releases.complete(
      { ...claim, ...(compared.diff ? { summary: compared.diff.summary } : {}) },
      {
        ...(history ? {} : { advance: advanceTo(claim, first, run.startedAt) }),
        expectedRevision: state.revision,
        ...(successor
          ? {
              successor: {
                release: successor.release,
                previousReleaseKey: claim.releaseKey,
                summary: successor.summary,
              },
            }
          : {}),
      },
    );
    if (history) {
      await deps.releases.noteRun(source.id, {
        lastRunAt: run.startedAt,
        lastRunStatus: "succeeded",
        lastSuccessAt: run.startedAt,
      });
    }
    return await run.finish({
      status: previous ? "succeeded" : "baseline",
      version: obtained.release.version,
      ...(previous ? { previousVersion: previous.version } : {}),
      records: compared.records,
      ...(compared.diff ? { summary: compared.diff.summary } : {}),
      changesWritten: records.length,
      evidence: claim.evidence,
      history,
      ...(previous ? {} : { reason: baselineReason(source, obtained, successor) }),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await deps.releases.noteRun(source.id, {
      lastRunAt: run.startedAt,
      lastRunStatus: "failed",
      lastError: reason,
    });
    return await run.finish({ status: "failed", reason, ...(evidence ? { evidence } : {}) });
  }
}

async function archiveFiles(
  archive: EvidenceArchive,
  sourceId: string,
  files: readonly EvidenceFile[],
): Promise<string> {
  const keys = await Promise.all(
    files.map((file) => archive.putRaw(sourceId, file.bytes, { url: file.url, fetchedAt: file.fetchedAt })),
  );
  return keys[0]!;
}

function advanceTo(claim: ReleaseRecord, file: EvidenceFile, at: string): Partial<SourceState> {
  return {
    currentReleaseKey: claim.releaseKey,
    currentVersion: claim.version,
    currentEffectiveDate: claim.effectiveDate,
    currentRecords: claim.records,
    etag: file.etag,
    lastModified: file.lastModified,
    fetchedUrl: file.url,
    lastRunAt: at,
    lastRunStatus: claim.baseline ? "baseline" : "succeeded",
    lastSuccessAt: at,
  };
}

function baselineReason(source: Source, obtained: ObtainedRelease, successor: SuccessorChanges | undefined) {
  if (!successor) return `first release of ${source.id}: recorded as the baseline`;
  return `older than every release of ${source.id} collected so far: recorded as history and as the baseline; ${successor.release.version}'s ${successor.changes.length} changes against ${obtained.release.version} stored as history`;
}
