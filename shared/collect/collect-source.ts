import { randomUUID } from "node:crypto";
import type { ChangeStore } from "../changes/change-store.js";
import { toChangeRecords } from "../changes/from-diff.js";
import { decodeSnapshot, encodeSnapshot } from "../codesets/snapshot-file.js";
import type { ReleaseCandidate } from "../core/release.js";
import { type CodeSetSnapshot, keyOf } from "../core/snapshot.js";
import { diffSnapshots } from "../diff/diff-snapshots.js";
import type { Evidence } from "../evidence/evidence.js";
import { type EvidenceArchive, sha256Hex } from "../evidence/evidence-archive.js";
import type { ReleaseRecord, SourceState } from "../releases/release-record.js";
import { releaseItemKey } from "../releases/release-record.js";
import type { ReleaseStore } from "../releases/release-store.js";
import type { RunRecord, RunStatus } from "../runs/run-record.js";
import type { RunStore } from "../runs/run-store.js";
import type { CodeSetSource, DocumentSource, FetchDocument, Source } from "../sources/source.js";
import { isStreamed, type StreamedCodeSetSource } from "../sources/source.js";
import type { DownloadRelease, FetchedReleaseFile } from "./release-download.js";
import { checkSanity } from "./sanity-gate.js";
import { compareStreamed, type ReleaseComparison } from "./streamed-comparison.js";

/** Run records stay a year: long enough to answer "did we check that week?" */
const RUN_RETENTION_SECONDS = 366 * 24 * 3600;

export interface CollectDependencies {
  readonly changes: ChangeStore;
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

/** Why a run stopped short; becomes the run's `reason`. */
class RunRefused extends Error {
  constructor(
    readonly status: RunStatus,
    reason: string,
  ) {
    super(reason);
  }
}

/**
 * Collects one source once: find the newest release, fetch it, parse it, diff it against the
 * previous release, refuse it if it looks broken, and only then archive the evidence, write the
 * changes and advance the source. Every outcome, failures included, leaves a run record.
 */
export async function collectSource(
  source: Source,
  deps: CollectDependencies,
  options: CollectOptions = {},
): Promise<RunRecord> {
  const now = deps.now ?? (() => new Date());
  const started = now();
  const runId = randomUUID();
  const startedAt = started.toISOString();
  const base = {
    sourceId: source.id,
    runKey: `${startedAt}#${runId}`,
    runId,
    startedAt,
    startedDay: startedAt.slice(0, 10),
    expiresAt: Math.floor(started.getTime() / 1000) + RUN_RETENTION_SECONDS,
  };
  await deps.runs.put({ ...base, status: "running" });

  const finish = async (fields: Partial<RunRecord> & { status: RunStatus }): Promise<RunRecord> => {
    const finishedAt = now();
    const run: RunRecord = {
      ...base,
      ...fields,
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - started.getTime(),
    };
    await deps.runs.put(run);
    return run;
  };

  let evidence: Partial<Evidence> | undefined;
  try {
    const state = await deps.releases.state(source.id);
    const obtained =
      source.kind === "codeset"
        ? await obtainCodeSetRelease(source, deps, state, options, now())
        : await obtainDocumentRelease(source, deps, state, started, options.replayLabel);
    if (obtained.status === "unchanged") {
      await deps.releases.noteRun(source.id, {
        lastRunAt: startedAt,
        lastRunStatus: "unchanged",
        lastSuccessAt: startedAt,
      });
      return await finish({
        status: "unchanged",
        reason: obtained.reason,
        version: obtained.version ?? state.currentVersion,
        ...(obtained.evidence ? { evidence: obtained.evidence } : {}),
      });
    }
    const { release, files, identity } = obtained;
    const first = files[0]!;
    evidence = { url: first.url, fetchedAt: first.fetchedAt, sha256: identity };
    const item = releaseItemKey(release.effectiveDate, release.version, identity);
    const previous =
      obtained.previous ?? (await previousRelease(deps.releases, source.id, state, release, item));
    const history = previous.history;
    const compared = obtained.streamed
      ? await compareStreamed(
          obtained.streamed.source,
          obtained.streamed.release,
          files,
          previous.release ? await deps.archive.get(storedSnapshotKey(previous.release)) : undefined,
        )
      : compareInMemory(
          obtained.snapshot,
          obtained.previousSnapshot ??
            (previous.release ? await loadSnapshot(deps.archive, previous.release) : undefined),
          source,
        );
    const diff = compared.diff;

    const verdict = checkSanity({
      sourceId: source.id,
      recordsAfter: compared.records,
      recordsBefore: compared.recordsBefore,
      changes: diff?.changes,
      maxDeletionShare: source.maxDeletionShare ?? deps.maxDeletionShare,
    });
    if (!verdict.ok) throw new RunRefused("failed", verdict.reason);

    // Evidence first: a change must never point at bytes that were not kept.
    const archiveKey = await archiveFiles(deps.archive, source.id, files);
    const snapshotKey = await deps.archive.putSnapshot(source.id, compared.encoded);
    const claim = await deps.releases.claim({
      sourceId: source.id,
      item,
      releaseKey: item.slice("RELEASE#".length),
      status: "pending",
      version: release.version,
      effectiveDate: release.effectiveDate,
      evidence: {
        url: first.url,
        fetchedAt: first.fetchedAt,
        sha256: identity,
        archiveKey,
        snapshotKey,
      },
      records: compared.records,
      codes: compared.codes,
      detectedAt: startedAt,
      runId,
      history,
      baseline: !previous.release,
      ...(previous.release ? { previousReleaseKey: previous.release.releaseKey } : {}),
      ...(diff ? { summary: diff.summary } : {}),
      ...(options.replayLabel ? { replayLabel: options.replayLabel } : {}),
    });
    evidence = claim.evidence;

    let written = 0;
    if (diff && previous.release) {
      const records = toChangeRecords(diff.changes, {
        sourceId: source.id,
        rules: source.rules,
        version: release.version,
        releaseKey: claim.releaseKey,
        previousVersion: previous.release.version,
        effectiveDate: release.effectiveDate,
        // A retry reuses the first attempt's detection time and evidence, so it rewrites identical items.
        detectedAt: claim.detectedAt,
        history,
        evidence: claim.evidence,
        runId: claim.runId,
      });
      await deps.changes.write(records, (done) => deps.onProgress?.("write changes", done, records.length));
      written = records.length;
    }

    await deps.releases.complete(
      { ...claim, ...(diff ? { summary: diff.summary } : {}) },
      history ? undefined : advanceTo(claim, first, startedAt),
      state.revision,
    );
    if (history) {
      await deps.releases.noteRun(source.id, {
        lastRunAt: startedAt,
        lastRunStatus: "succeeded",
        lastSuccessAt: startedAt,
      });
    }
    return await finish({
      status: previous.release ? "succeeded" : "baseline",
      version: release.version,
      ...(previous.release ? { previousVersion: previous.release.version } : {}),
      records: compared.records,
      ...(diff ? { summary: diff.summary } : {}),
      changesWritten: written,
      evidence: claim.evidence,
      history,
      ...(previous.release ? {} : { reason: `first release of ${source.id}: recorded as the baseline` }),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await deps.releases.noteRun(source.id, {
      lastRunAt: startedAt,
      lastRunStatus: "failed",
      lastError: reason,
    });
    return await finish({ status: "failed", reason, ...(evidence ? { evidence } : {}) });
  }
}

/** A release ready to diff: its label, the raw files (evidence), its identity and its snapshot. */
type ObtainedRelease =
  | {
      readonly status: "unchanged";
      readonly reason: string;
      readonly version?: string;
      readonly evidence?: Partial<Evidence>;
    }
  | {
      readonly status: "obtained";
      readonly release: Pick<ReleaseCandidate, "version" | "effectiveDate">;
      readonly files: readonly FetchedReleaseFile[];
      /** sha256 identifying the release: of the published bytes (code sets) or of the meaningful content (documents). */
      readonly identity: string;
      readonly snapshot: CodeSetSnapshot;
      /** For a streamed source: `snapshot` is empty and the release is read while it is compared. */
      readonly streamed?: { readonly source: StreamedCodeSetSource; readonly release: ReleaseCandidate };
      /** Known up front for document sets, which always compare with the current snapshot. */
      readonly previous?: PreviousRelease;
      readonly previousSnapshot?: CodeSetSnapshot;
    };

/**
 * Tries the source's candidate releases newest first. Not-yet-published candidates 404 cheaply;
 * the current release answers 304 to a conditional GET. Finding none at all means the publisher
 * moved its files — a failure an operator must see, not silence.
 */
async function obtainCodeSetRelease(
  source: CodeSetSource,
  deps: CollectDependencies,
  state: SourceState,
  options: CollectOptions,
  now: Date,
): Promise<ObtainedRelease> {
  const listed = options.release
    ? [options.release]
    : await source.candidates(now, { fetchText: deps.fetchDocument });
  const candidates = [...listed].sort((a, b) => b.effectiveDate.localeCompare(a.effectiveDate));
  const tried: string[] = [];
  for (const release of candidates) {
    if (
      !options.release &&
      state.currentEffectiveDate &&
      release.effectiveDate < state.currentEffectiveDate
    ) {
      return { status: "unchanged", reason: `no release newer than ${state.currentVersion} is published` };
    }
    const firstUrl = release.files[0]?.url;
    const validators =
      state.fetchedUrl && state.fetchedUrl === firstUrl
        ? { url: firstUrl, etag: state.etag, lastModified: state.lastModified }
        : undefined;
    const streamed = isStreamed(source);
    const download = await deps.download(release, validators, streamed ? { keepZipped: true } : undefined);
    if (download.status === "not-modified") {
      return {
        status: "unchanged",
        reason: `${release.version} is unchanged since it was collected (HTTP 304)`,
        version: release.version,
      };
    }
    if (download.status === "not-found") {
      tried.push(...download.tried);
      continue;
    }
    const item = releaseItemKey(release.effectiveDate, release.version, download.sha256);
    const existing = await deps.releases.release(source.id, item);
    if (existing?.status === "complete") {
      return {
        status: "unchanged",
        reason: `${release.version} was already collected (same sha256)`,
        version: release.version,
        evidence: existing.evidence,
      };
    }
    return {
      status: "obtained",
      release,
      files: download.files,
      identity: download.sha256,
      ...(streamed
        ? { snapshot: emptySnapshot(source, release), streamed: { source, release } }
        : { snapshot: source.parse(download.payloads, release) }),
    };
  }
  throw new Error(
    `${source.id}: no release found at ${tried.length} candidate URL(s) (publisher may have renamed its files): ${tried.join(", ")}`,
  );
}

/**
 * Reads a document set as it stands now and compares its meaningful content with the current
 * snapshot. A feed shows recent items only, so items that scrolled out of it are carried over
 * rather than reported as deleted.
 */
async function obtainDocumentRelease(
  source: DocumentSource,
  deps: CollectDependencies,
  state: SourceState,
  started: Date,
  replayLabel?: string,
): Promise<ObtainedRelease> {
  const current = state.currentReleaseKey
    ? await deps.releases.release(source.id, `RELEASE#${state.currentReleaseKey}`)
    : undefined;
  const currentSnapshot = current ? await loadSnapshot(deps.archive, current) : undefined;
  const known = new Set((currentSnapshot?.lines ?? []).map(keyOf));
  const gathered = await source.gather({
    now: started,
    fetch: deps.fetchDocument,
    known,
    ...(currentSnapshot ? { previous: currentSnapshot } : {}),
  });
  const snapshot =
    source.coverage === "window" && currentSnapshot && gathered.snapshot.lines.length > 0
      ? carryOver(currentSnapshot, gathered.snapshot)
      : gathered.snapshot;
  const identity = sha256Hex(Buffer.from(snapshot.lines.join("\n")));
  if (current && current.evidence.sha256 === identity) {
    return { status: "unchanged", reason: "no new or changed documents", version: current.version };
  }
  const at = started.toISOString();
  return {
    status: "obtained",
    // A document set has no publisher version: each run that finds something new is a release, labelled by time.
    // A replayed recording is labelled by the moment it records.
    release: { version: replayLabel ?? `${at.slice(0, 19)}Z`, effectiveDate: at.slice(0, 10) },
    files: gathered.responses,
    identity,
    snapshot,
    previous: { ...(current ? { release: current } : {}), history: false },
    ...(currentSnapshot ? { previousSnapshot: currentSnapshot } : {}),
  };
}

/** The current window plus every earlier document that is no longer listed, sorted by key. */
function carryOver(previous: CodeSetSnapshot, current: CodeSetSnapshot): CodeSetSnapshot {
  const listed = new Set(current.lines.map(keyOf));
  const lines = [...current.lines, ...previous.lines.filter((line) => !listed.has(keyOf(line)))];
  lines.sort((a, b) => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  return { ...current, lines };
}

interface PreviousRelease {
  readonly release?: ReleaseRecord;
  readonly history: boolean;
}

/**
 * What a release is compared with: the current release when it is newer (news), or, for an older
 * release collected late (backfill), the newest complete release before it (history).
 */
async function previousRelease(
  store: ReleaseStore,
  sourceId: string,
  state: SourceState,
  release: Pick<ReleaseCandidate, "effectiveDate">,
  item: string,
): Promise<PreviousRelease> {
  const complete = (await store.releases(sourceId)).filter((r) => r.status === "complete" && r.item !== item);
  const history = Boolean(state.currentEffectiveDate && release.effectiveDate < state.currentEffectiveDate);
  const candidates = history
    ? complete.filter((r) => r.effectiveDate < release.effectiveDate)
    : complete.filter((r) => r.effectiveDate <= release.effectiveDate);
  // Releases sort by effective date then detection: a re-issued file of the same version compares with the earlier issue.
  candidates.sort(
    (a, b) => a.effectiveDate.localeCompare(b.effectiveDate) || a.detectedAt.localeCompare(b.detectedAt),
  );
  return { release: candidates.at(-1), history };
}

async function loadSnapshot(archive: EvidenceArchive, release: ReleaseRecord): Promise<CodeSetSnapshot> {
  return decodeSnapshot(await archive.get(storedSnapshotKey(release)));
}

function storedSnapshotKey(release: ReleaseRecord): string {
  const key = release.evidence.snapshotKey;
  if (!key) throw new Error(`release ${release.item} has no stored snapshot to compare with`);
  return key;
}

function compareInMemory(
  snapshot: CodeSetSnapshot,
  previousSnapshot: CodeSetSnapshot | undefined,
  source: Source,
): ReleaseComparison {
  const diff = previousSnapshot ? diffSnapshots(previousSnapshot, snapshot, source.rules) : undefined;
  return {
    records: snapshot.lines.length,
    ...(previousSnapshot ? { recordsBefore: previousSnapshot.lines.length } : {}),
    codes: diff?.summary.after.codes ?? countCodes(snapshot, source),
    encoded: encodeSnapshot(snapshot),
    ...(diff ? { diff: { summary: diff.summary, changes: [...diff.changes] } } : {}),
  };
}

function emptySnapshot(source: CodeSetSource, release: ReleaseCandidate): CodeSetSnapshot {
  return { system: source.rules.system, version: release.version, fields: source.rules.fields, lines: [] };
}

async function archiveFiles(
  archive: EvidenceArchive,
  sourceId: string,
  files: readonly Pick<FetchedReleaseFile, "bytes" | "url" | "fetchedAt">[],
): Promise<string> {
  const keys = await Promise.all(
    files.map((file) => archive.putRaw(sourceId, file.bytes, { url: file.url, fetchedAt: file.fetchedAt })),
  );
  return keys[0]!;
}

function advanceTo(
  claim: ReleaseRecord,
  file: Pick<FetchedReleaseFile, "url" | "etag" | "lastModified">,
  at: string,
): Partial<SourceState> {
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

function countCodes(snapshot: CodeSetSnapshot, source: Source): number {
  let codes = 0;
  for (const line of snapshot.lines) {
    if (source.rules.categoryOf(line.split("\t").slice(1)) === "code") codes++;
  }
  return codes;
}
