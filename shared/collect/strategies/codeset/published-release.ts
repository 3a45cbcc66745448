import type { ReleaseCandidate, ReleasePayload } from "../../../core/release.js";
import { releaseItemKey } from "../../../releases/release-record.js";
import type { CodeSetSource } from "../../../sources/source.js";
import type { ObtainedRelease, RunContext, UnchangedRelease } from "../../collection-strategy.js";
import type { FetchedReleaseFile } from "../../release-download.js";

/** A code-set release as published: its candidate (files, announced counts) and what was fetched. */
export interface PublishedRelease extends ObtainedRelease {
  readonly release: ReleaseCandidate;
  readonly files: readonly FetchedReleaseFile[];
  /** The data inside the files, zip entries taken out; empty when the files were kept zipped. */
  readonly payloads: readonly ReleasePayload[];
}

/** Why a fetched release is nothing new (its data equals the current release's), or undefined. */
export type NothingNew = (published: PublishedRelease) => Promise<string | undefined>;

/**
 * Finds the release to collect among the source's candidates (or the one release the run was asked
 * for, for a replay or a backfill). With a current release, the candidates from its date on are
 * tried oldest first, so every issue published since — a January re-issue, then the April update —
 * is collected in turn, each diffed against the one before: the current release answers 304 to a
 * conditional GET, bytes already collected are recognised by their sha256, and an issue whose data
 * equals the current release's (`nothingNew`) is passed over, the run saying so. A source's first
 * run takes the newest release as its baseline. Finding no release at all means the publisher moved
 * its files — a failure an operator must see, not silence.
 */
export async function obtainPublishedRelease(
  source: CodeSetSource,
  { state, options, deps, startedAt, warn }: RunContext,
  download: { readonly keepZipped: boolean },
  nothingNew?: NothingNew,
): Promise<PublishedRelease | UnchangedRelease> {
  const listed = options.release
    ? [options.release]
    : await source.candidates(startedAt, { fetchText: deps.fetchDocument, warn });
  const oldestFirst = [...listed].sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate));
  const current = state.currentEffectiveDate;
  const candidates =
    options.release || !current
      ? oldestFirst.reverse()
      : oldestFirst.filter((release) => release.effectiveDate >= current);
  if (candidates.length === 0) {
    return { status: "unchanged", reason: `no release newer than ${state.currentVersion} is published` };
  }
  const tried: string[] = [];
  const passed: string[] = [];
  let last: UnchangedRelease | undefined;
  for (const release of candidates) {
    const firstUrl = release.files[0]?.url;
    const validators =
      state.fetchedUrl && state.fetchedUrl === firstUrl
        ? { url: firstUrl, etag: state.etag, lastModified: state.lastModified }
        : undefined;
    const fetched = await deps.download(
      release,
      validators,
      download.keepZipped ? { keepZipped: true } : undefined,
    );
    if (fetched.status === "not-found") {
      tried.push(...fetched.tried);
      continue;
    }
    if (fetched.status === "not-modified") {
      passed.push(`${release.version} is unchanged since it was collected (HTTP 304)`);
      last = { status: "unchanged", reason: "", version: release.version };
      continue;
    }
    const item = releaseItemKey(release.effectiveDate, release.version, fetched.sha256);
    const existing = await deps.releases.release(source.id, item);
    if (existing?.status === "complete") {
      passed.push(`${release.version} was already collected (same sha256)`);
      last = { status: "unchanged", reason: "", version: release.version, evidence: existing.evidence };
      continue;
    }
    const published: PublishedRelease = {
      status: "obtained",
      release,
      files: fetched.files,
      identity: fetched.sha256,
      payloads: fetched.payloads,
    };
    const same = await nothingNew?.(published);
    if (same) {
      passed.push(same);
      last = { status: "unchanged", reason: "", version: release.version };
      continue;
    }
    return published;
  }
  if (last) return { ...last, reason: passed.join("; ") };
  throw new Error(
    `${source.id}: no release found at ${tried.length} candidate URL(s) (publisher may have renamed its files): ${tried.join(", ")}`,
  );
}
