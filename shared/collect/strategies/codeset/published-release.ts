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

/**
 * Tries the source's candidate releases newest first (or the one release the run was asked for,
 * for a replay or a backfill). Not-yet-published candidates 404 cheaply; the current release answers
 * 304 to a conditional GET; bytes already collected are recognised by their sha256. Finding no
 * release at all means the publisher moved its files — a failure an operator must see, not silence.
 */
export async function obtainPublishedRelease(
  source: CodeSetSource,
  { state, options, deps, startedAt, warn }: RunContext,
  download: { readonly keepZipped: boolean },
): Promise<PublishedRelease | UnchangedRelease> {
  const listed = options.release
    ? [options.release]
    : await source.candidates(startedAt, { fetchText: deps.fetchDocument, warn });
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
    const fetched = await deps.download(
      release,
      validators,
      download.keepZipped ? { keepZipped: true } : undefined,
    );
    if (fetched.status === "not-modified") {
      return {
        status: "unchanged",
        reason: `${release.version} is unchanged since it was collected (HTTP 304)`,
        version: release.version,
      };
    }
    if (fetched.status === "not-found") {
      tried.push(...fetched.tried);
      continue;
    }
    const item = releaseItemKey(release.effectiveDate, release.version, fetched.sha256);
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
      files: fetched.files,
      identity: fetched.sha256,
      payloads: fetched.payloads,
    };
  }
  throw new Error(
    `${source.id}: no release found at ${tried.length} candidate URL(s) (publisher may have renamed its files): ${tried.join(", ")}`,
  );
}
