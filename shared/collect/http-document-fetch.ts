import { sha256Hex } from "../evidence/evidence-archive.js";
import { fetchSourceFile, mirrorUrl } from "../http/index.js";
import type { FetchDocument } from "../sources/source.js";
import type { HttpDownloadOptions } from "./http-release-download.js";

/**
 * Fetches publisher pages, feeds and API responses for document sources, with the same limits,
 * retries and mirror as release files. Conditional GETs do not apply: a listing is read whole and
 * its meaningful content, not its bytes, decides whether anything changed.
 */
export function httpDocumentFetch(options: HttpDownloadOptions = {}): FetchDocument {
  return async (request) => {
    const result = await fetchSourceFile(
      { url: mirrorUrl(request.url, options.mirror), ...(request.expect ? { expect: request.expect } : {}) },
      request.signal ? { ...options, signal: request.signal } : options,
    );
    if (result.status === "not-modified")
      throw new Error(`${request.url}: unexpected 304 to an unconditional GET`);
    return {
      url: request.url,
      fetchedAt: result.fetchedAt,
      bytes: result.bytes,
      sha256: sha256Hex(result.bytes),
      ...(result.contentType ? { contentType: result.contentType } : {}),
    };
  };
}
