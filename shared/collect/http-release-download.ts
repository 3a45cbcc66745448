import { extractEntries, extractEntry } from "../archive/zip.js";
import type { ZipLimits } from "../archive/zip-limits.js";
import type { ReleaseFile, ReleasePayload } from "../core/release.js";
import { sha256Hex } from "../evidence/evidence-archive.js";
import { type FetchSourceFileOptions, fetchSourceFile, mirrorUrl, SourceFetchError } from "../http/index.js";
import {
  type DownloadRelease,
  type FetchedReleaseFile,
  type ReleaseDownload,
  releaseSha256,
} from "./release-download.js";

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export interface HttpDownloadOptions extends FetchSourceFileOptions {
  /** Serve publishers' URLs from a local mirror of recorded files (see `mirrorUrl`). */
  readonly mirror?: string;
  /** Limits on zip entries inflated whole (sized to the function's memory: `memoryBudget`). */
  readonly zipLimits?: ZipLimits;
}

/**
 * Downloads a release over HTTP: each file from its URL (or the publisher's alternate names),
 * the data entry taken out of zips under the archive limits. Evidence keeps the publisher's URL.
 */
export function httpReleaseDownload(options: HttpDownloadOptions = {}): DownloadRelease {
  return async (release, validators, download = {}): Promise<ReleaseDownload> => {
    const files: FetchedReleaseFile[] = [];
    const payloads: ReleasePayload[] = [];
    for (const [index, file] of release.files.entries()) {
      const outcome = await fetchFile(
        file,
        download.signal ? { ...options, signal: download.signal } : options,
        index === 0 ? validators : undefined,
      );
      if (outcome.status === "not-found") {
        if (index === 0) return outcome;
        // A release whose first file exists but a later part does not is incomplete, not unpublished.
        throw new Error(`${release.version}: part ${index + 1} is missing: ${outcome.tried.join(", ")}`);
      }
      // Only the first file is asked conditionally. A multi-part release (NCCI) is re-issued under
      // new names, so its unchanged first part means the release is unchanged: going on would
      // hand the parser a release without its first part.
      if (outcome.status === "not-modified") return outcome;
      files.push(outcome.file);
      if (!download.keepZipped) payloads.push(...(await payloadsOf(file, outcome.file, options.zipLimits)));
    }
    if (files.length === 0) return { status: "not-modified" };
    return { status: "fetched", files, payloads, sha256: releaseSha256(files) };
  };
}

type FileOutcome =
  | { readonly status: "not-found"; readonly tried: readonly string[] }
  | { readonly status: "not-modified" }
  | { readonly status: "fetched"; readonly file: FetchedReleaseFile };

async function fetchFile(
  file: ReleaseFile,
  options: HttpDownloadOptions,
  validators?: { url: string; etag?: string; lastModified?: string },
): Promise<FileOutcome> {
  const tried: string[] = [];
  for (const url of [file.url, ...(file.alternateUrls ?? [])]) {
    tried.push(url);
    const conditional = validators?.url === url ? validators : undefined;
    try {
      const result = await fetchSourceFile(
        {
          url: mirrorUrl(url, options.mirror),
          etag: conditional?.etag,
          lastModified: conditional?.lastModified,
          ...(file.entry ? { expect: "zip" as const } : {}),
        },
        options,
      );
      if (result.status === "not-modified") return { status: "not-modified" };
      return {
        status: "fetched",
        file: {
          url,
          fetchedAt: result.fetchedAt,
          bytes: result.bytes,
          sha256: sha256Hex(result.bytes),
          ...(result.etag ? { etag: result.etag } : {}),
          ...(result.lastModified ? { lastModified: result.lastModified } : {}),
        },
      };
    } catch (error) {
      if (error instanceof SourceFetchError && error.reason === "not-found") continue;
      throw error;
    }
  }
  return { status: "not-found", tried };
}

/** The file's data: its zip's data entry and the companions beside it, or the file itself. */
async function payloadsOf(
  file: ReleaseFile,
  fetched: FetchedReleaseFile,
  limits: ZipLimits | undefined,
): Promise<ReleasePayload[]> {
  const isZip = fetched.bytes.subarray(0, 4).equals(ZIP_MAGIC);
  if (file.entry) {
    if (!isZip)
      throw new Error(
        `${fetched.url}: expected a zip archive, got ${fetched.bytes.length} bytes of something else`,
      );
    if (file.companions?.length) return extractEntries(fetched.bytes, file.entry, file.companions, limits);
    return [await extractEntry(fetched.bytes, file.entry, limits)];
  }
  const name = new URL(fetched.url).pathname.split("/").pop() || fetched.url;
  return [{ name, bytes: fetched.bytes }];
}
