import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import yazl from "yazl";
import type { ReplayRelease } from "#shared/replay/replay-manifest.js";

const gunzipAsync = promisify(gunzip);

/** A recorded release as the mirror sends it: the bytes the publisher's URL would return. */
export interface RecordedResponse {
  readonly body: Buffer;
  readonly contentType: string;
  /** Strong validator over the body, quoted as HTTP wants it. */
  readonly etag: string;
  /** Whole seconds: HTTP dates carry no milliseconds. */
  readonly lastModified: Date;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".zip": "application/zip",
  ".csv": "text/csv",
  ".txt": "text/plain; charset=utf-8",
  ".json": "application/json",
  ".html": "text/html; charset=utf-8",
  ".xml": "application/xml",
  ".rss": "application/rss+xml",
};

/**
 * Builds the response for a release from its fixture. Zips are built here rather than stored:
 * the fixtures stay diffable text, and the entry's timestamp is fixed so the bytes (and the ETag)
 * are the same on every run.
 */
export async function loadRecordedRelease(
  fixturesDir: string,
  release: ReplayRelease,
): Promise<RecordedResponse> {
  const lastModified = new Date(`${release.effectiveDate}T00:00:00Z`);
  const fixture = path.join(fixturesDir, release.fixture);
  const stored = await readFile(fixture);
  const urlPath = new URL(release.url).pathname;
  const content = fixture.endsWith(".gz") && !urlPath.endsWith(".gz") ? await gunzipAsync(stored) : stored;
  const body =
    release.zipEntry === undefined ? content : await zipOf(release.zipEntry, content, lastModified);
  return {
    body,
    contentType:
      release.contentType ?? CONTENT_TYPES[path.extname(urlPath).toLowerCase()] ?? "application/octet-stream",
    etag: `"${createHash("sha256").update(body).digest("base64url")}"`,
    lastModified,
  };
}

function zipOf(entryName: string, content: Buffer, mtime: Date): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(content, entryName, { mtime, compress: true });
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on("data", (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on("error", reject);
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
  });
}
