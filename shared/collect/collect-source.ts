import type { ChangeLog } from "../changes/change-log.js";
import type { ReleaseCandidate } from "../core/release.js";
import type { Evidence } from "../evidence/evidence.js";
import { type EvidenceArchive, sha256Hex } from "../evidence/evidence-archive.js";
import { filesOf, type ReleaseRecord, releaseItemKey, type SourceState } from "../releases/release-record.js";
import { ConcurrentRunError, type ReleaseStore } from "../releases/release-store.js";
import type { RunRecord } from "../runs/run-record.js";
import type { RunStore } from "../runs/run-store.js";
import type { FetchDocument, Source } from "../sources/source.js";
import { closeAbandonedRuns } from "./abandoned-runs.js";
import type { EvidenceFile, ObtainedRelease, ReleaseComparison, RunContext } from "./collection-strategy.js";
import { failureOf } from "./failure-of.js";
import { changeRecords } from "./release-change-records.js";
import type { DownloadRelease } from "./release-download.js";
import { placeRelease } from "./release-placement.js";
import { NO_DEADLINE, type RunDeadline } from "./run-deadline.js";
import { startRun } from "./run-in-progress.js";
import { refuseWhatLooksBroken, type SanityOverrides, sanityLimitsOf } from "./sanity-gate.js";
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
  /** Per-source sanity limits the operator configured over the sources' own. */
  readonly sanityLimits?: SanityOverrides;
  readonly now?: () => Date;
  /** Progress of long steps (writing thousands of changes), for CLIs. */
  readonly onProgress?: (step: string, done: number, total: number) => void;
}

export interface CollectOptions {
  /** Collect this release instead of looking for the newest published one (replay, backfill). */
  readonly release?: ReleaseCandidate;
  /** Marks the release as a replay of a recorded document snapshot (see `ReleaseRecord.replayLabel`). */
  readonly replayLabel?: string;
  /**
   * When the run must have stopped (the Lambda's remaining time, less a margin to record the
   * outcome): checked between steps and in long loops, it ends the run as failed with a record.
   */
  readonly deadline?: RunDeadline;
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
  const warnings: string[] = [];
  const deadline = options.deadline ?? NO_DEADLINE;
  const run = await startRun(source.id, deps, warnings);
  let evidence: Partial<Evidence> | undefined;
  try {
    // Runs killed mid-way never wrote their outcome: closed as failed before this one counts.
    await closeAbandonedRuns(source.id, deps, run.started);
    const state = await deps.releases.state(source.id);
    const context: RunContext = {
      startedAt: run.started,
      state,
      options,
      deps: withDeadline(deps, deadline),
      warn: (message) => warnings.push(message),
      deadline,
    };
    const strategy = strategyFor(source);

    deadline.check("obtaining the release");
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
    evidence = { url: first.url, fetchedAt: first.fetchedAt, sha256: sha256Hex(first.bytes) };
    const item = releaseItemKey(obtained.release.effectiveDate, obtained.release.version, obtained.identity);
    const { previous, history, successor: later } = await placeRelease(deps.releases, state, obtained, item);

    deadline.check("comparing the release");
    const compared = await strategy.compare(source, obtained, previous, context);
    const successor = later
      ? await successorChanges(later, compared.encoded, source.rules, deps.archive)
      : undefined;

    refuseWhatLooksBroken(
      source,
      sanityLimitsOf(source, deps.maxDeletionShare, deps.sanityLimits),
      compared,
      successor,
    );

    deadline.check("archiving the evidence");
    // Evidence first: a change must never point at bytes that were not kept.
    const archived = await archiveFiles(deps.archive, source.id, obtained.files);
    const snapshotKey = await deps.archive.putSnapshot(source.id, compared.encoded);

    const claim = await deps.releases.claim({
      sourceId: source.id,
      item,
      releaseKey: item.slice("RELEASE#".length),
      status: "pending",
      version: obtained.release.version,
      effectiveDate: obtained.release.effectiveDate,
      identity: obtained.identity,
      evidence: { ...archived[0], snapshotKey },
      files: archived,
      ...(compared.partStarts ? { partStarts: compared.partStarts } : {}),
      records: compared.records,
      codes: compared.codes,
      detectedAt: run.startedAt,
      runId: run.runId,
      history,
      baseline: !previous,
      ...(previous ? { previousReleaseKey: previous.releaseKey } : {}),
      ...(compared.diff ? { summary: compared.diff.summary } : {}),
      ...(options.replayLabel ? { replayLabel: options.replayLabel } : {}),
      ...publisherFields(compared),
    });
    evidence = claim.evidence;

    // A retry points its changes at the files the claim recorded (the first attempt's), so it
    // rewrites the very same items; a claim that read other responses keeps this run's own files.
    const claimed = filesOf(claim);
    const files = claimed.length === archived.length ? claimed : archived;
    const records = changeRecords(source, claim, previous, compared, successor, files);
    if (records.length > 0) {
      deadline.check("writing the changes");
      await deps.changes.write(records, (done) => {
        deps.onProgress?.("write changes", done, records.length);
        // Between batches: a claimed release whose changes stop half-way is finished by the next run.
        deadline.check("writing the rest of the changes");
      });
    }
    deadline.check("completing the release");

    const completion = deps.releases.complete(
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
    const overtaken = await completion.then(
      () => false,
      (error: unknown) => completedByAnother(error, deps.releases, claim),
    );
    if (overtaken) {
      // Another run read the same release at the same time and completed it first: the change
      // items it wrote are these very ones (same claim, same ids), so nothing is left to do.
      await deps.releases.noteRun(source.id, {
        lastRunAt: run.startedAt,
        lastRunStatus: "unchanged",
        lastSuccessAt: run.startedAt,
      });
      return await run.finish({
        status: "unchanged",
        reason: `${obtained.release.version} was collected by a run that overlapped this one`,
        version: obtained.release.version,
        evidence: claim.evidence,
      });
    }
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
      ...publisherFields(compared),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const failure = failureOf(error);
    await deps.releases.noteRun(source.id, {
      lastRunAt: run.startedAt,
      lastRunStatus: "failed",
      lastError: reason,
      lastFailure: failure,
    });
    return await run.finish({ status: "failed", reason, failure, ...(evidence ? { evidence } : {}) });
  }
}

/** Every file of the release archived under its own sha256: each is evidence a change may point at. */
/** The publishers as the run reaches them: every request aborted at the run's deadline. */
function withDeadline(deps: CollectDependencies, deadline: RunDeadline): CollectDependencies {
  const signal = deadline.signal;
  if (!signal) return deps;
  return {
    ...deps,
    download: (release, validators, options) => deps.download(release, validators, { ...options, signal }),
    fetchDocument: (request) => deps.fetchDocument({ ...request, signal }),
  };
}

/**
 * Whether a completion failed only because an overlapping run completed the same release first:
 * then this run is done. Any other failure is rethrown.
 */
async function completedByAnother(error: unknown, releases: ReleaseStore, claim: ReleaseRecord) {
  if (!(error instanceof ConcurrentRunError)) throw error;
  const now = await releases.release(claim.sourceId, claim.item);
  if (now?.status !== "complete") throw error;
  const state = await releases.state(claim.sourceId);
  if (!claim.history && state.currentReleaseKey !== claim.releaseKey) throw error;
  return true;
}

async function archiveFiles(
  archive: EvidenceArchive,
  sourceId: string,
  files: readonly EvidenceFile[],
): Promise<[Evidence, ...Evidence[]]> {
  const archived = await Promise.all(
    files.map(async (file) => ({
      url: file.url,
      fetchedAt: file.fetchedAt,
      sha256: sha256Hex(file.bytes),
      archiveKey: await archive.putRaw(sourceId, file.bytes, { url: file.url, fetchedAt: file.fetchedAt }),
    })),
  );
  return archived as [Evidence, ...Evidence[]];
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

/** The publisher's counts and their check, as the release and the run record them. */
function publisherFields(
  compared: ReleaseComparison,
): Pick<ReleaseRecord, "publisherCounts" | "publisherCheck"> {
  if (!compared.publisher) return {};
  return {
    publisherCounts: compared.publisher.counts,
    ...(compared.publisher.check ? { publisherCheck: compared.publisher.check } : {}),
  };
}

function baselineReason(source: Source, obtained: ObtainedRelease, successor: SuccessorChanges | undefined) {
  if (!successor) return `first release of ${source.id}: recorded as the baseline`;
  return `older than every release of ${source.id} collected so far: recorded as history and as the baseline; ${successor.release.version}'s ${successor.changes.length} changes against ${obtained.release.version} stored as history`;
}
