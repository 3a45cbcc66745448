import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { extractEntries } from "#shared/archive/zip.js";
import {
  type DownloadRelease,
  type FetchedReleaseFile,
  releaseSha256,
} from "#shared/collect/release-download.js";
import type { ReleasePayload } from "#shared/core/release.js";
import { sha256Hex } from "#shared/evidence/evidence-archive.js";
import type { ReplayManifest } from "#shared/replay/replay-manifest.js";
import { Faults } from "./faults.js";

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export const FIXTURES_DIR = path.resolve(import.meta.dirname, "../fixtures");

/** A file the publisher serves: its bytes as they are inside the zip, and the zip entry's name. */
export interface ServedFile {
  readonly bytes: Buffer;
  readonly name: string;
}

/** Every file of the replay manifest's code-set releases, by the URL the publisher serves it at. */
export function recordedFiles(manifest: ReplayManifest): Map<string, ServedFile> {
  const served = new Map<string, ServedFile>();
  for (const file of Object.values(manifest.sources).flatMap((releases) =>
    releases.flatMap((r) => r.files),
  )) {
    const raw = readFileSync(path.join(FIXTURES_DIR, file.fixture));
    served.set(file.url, {
      bytes: file.fixture.endsWith(".gz") ? gunzipSync(raw) : raw,
      name: file.zipEntry ?? path.basename(file.fixture),
    });
  }
  return served;
}

/**
 * An order file's real-line excerpt (test/fixtures/codesets/cut-excerpts.ts), served in place of the
 * full year where a test needs real changes but not a year's size, e.g. `icd10cm_order_2019`.
 */
export function orderFileExcerpt(name: string): ServedFile {
  return {
    name: `${name}.txt`,
    bytes: readFileSync(path.join(FIXTURES_DIR, `codesets/${name}.excerpt.txt`)),
  };
}

/**
 * A publisher that serves recorded files (as their data entry, not zipped: unzipping is the HTTP
 * download's business, tested against the local stack). It answers a conditional request for the
 * same bytes with 304, as the mirror and CMS do, and can be told to ignore validators.
 */
export function recordedDownload(
  served: ReadonlyMap<string, ServedFile>,
  { faults = new Faults(), clock = () => new Date("2026-09-30T12:00:00.000Z"), conditional = true } = {},
): DownloadRelease {
  return async (release, validators, options = {}) => {
    await faults.at("download");
    const files: FetchedReleaseFile[] = [];
    for (const [index, file] of release.files.entries()) {
      const url = [file.url, ...(file.alternateUrls ?? [])].find((candidate) => served.has(candidate));
      if (!url) {
        if (index === 0) return { status: "not-found", tried: [file.url, ...(file.alternateUrls ?? [])] };
        throw new Error(`${release.version}: part ${index + 1} is missing: ${file.url}`);
      }
      const { bytes } = served.get(url)!;
      const sha256 = sha256Hex(bytes);
      const etag = `"${sha256.slice(0, 16)}"`;
      if (index === 0 && conditional && validators?.url === url && validators.etag === etag) {
        return { status: "not-modified" };
      }
      files.push({ url, fetchedAt: clock().toISOString(), bytes, sha256, etag });
    }
    const payloads: ReleasePayload[] = [];
    if (!options.keepZipped) {
      for (const [index, file] of files.entries()) {
        const wanted = release.files[index]!;
        // A fixture kept as the publisher's zip (a real CMS zip) is opened as the real download opens it.
        if (file.bytes.subarray(0, 4).equals(ZIP) && wanted.entry) {
          payloads.push(...(await extractEntries(file.bytes, wanted.entry, wanted.companions ?? [])));
        } else {
          payloads.push({ name: served.get(file.url)!.name, bytes: file.bytes });
        }
      }
    }
    return { status: "fetched", files, payloads, sha256: releaseSha256(files) };
  };
}
