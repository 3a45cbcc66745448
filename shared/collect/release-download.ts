import { createHash } from "node:crypto";
import type { ReleaseCandidate, ReleasePayload } from "../core/release.js";

/** A publisher's file as fetched: raw bytes (the zip itself, when zipped) and its validators. */
export interface FetchedReleaseFile {
  readonly url: string;
  readonly fetchedAt: string;
  readonly bytes: Buffer;
  readonly sha256: string;
  readonly etag?: string;
  readonly lastModified?: string;
}

export type ReleaseDownload =
  | { readonly status: "not-found"; readonly tried: readonly string[] }
  | { readonly status: "not-modified" }
  | {
      readonly status: "fetched";
      readonly files: readonly FetchedReleaseFile[];
      /** The data inside the files (zip entries taken out, each data entry followed by its companions), in file order. */
      readonly payloads: readonly ReleasePayload[];
      /** sha256 of the single file, or of the files' hashes joined, for multi-file releases. */
      readonly sha256: string;
    };

/** Validators of the file collected last time, so an unchanged file costs a 304. */
export interface Validators {
  readonly url: string;
  readonly etag?: string;
  readonly lastModified?: string;
}

/** Fetches (and unzips) every file of a release; the collector never touches HTTP or zip itself. */
export interface DownloadOptions {
  /**
   * Leave each zip's data entry inside the zip (`payloads` is then empty): a streamed source
   * inflates the entries while it reads them, rather than holding every part inflated at once.
   */
  readonly keepZipped?: boolean;
  /** Aborts the download (the run's deadline). */
  readonly signal?: AbortSignal;
}

export type DownloadRelease = (
  release: ReleaseCandidate,
  validators?: Validators,
  options?: DownloadOptions,
) => Promise<ReleaseDownload>;

/**
 * A release's identity for replay and idempotency: a single file's own sha256, or for a
 * multi-part release (NCCI PTP's four zips) the hash of its parts' hashes in order.
 */
export function releaseSha256(files: readonly FetchedReleaseFile[]): string {
  if (files.length === 1) return files[0]!.sha256;
  return createHash("sha256")
    .update(files.map((file) => file.sha256).join("\n"))
    .digest("hex");
}
