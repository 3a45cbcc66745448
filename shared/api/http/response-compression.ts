import { gzipSync } from "node:zlib";
import type { HttpResponse } from "../../http/http-response.js";

/** Below this, gzip's header costs more than it saves. */
const MIN_BYTES = 1024;

/**
 * Gzips text answers for clients that accept it. Exports need it most: a Lambda response may
 * carry 6 MB, and a CSV compresses about tenfold.
 */
export function compressResponse(response: HttpResponse, acceptEncoding: string | undefined): HttpResponse {
  const type = response.headers["content-type"] ?? "";
  const textual = /^(text\/|application\/json)/.test(type);
  if (!textual || !/\bgzip\b/.test(acceptEncoding ?? "") || Buffer.byteLength(response.body) < MIN_BYTES) {
    return response;
  }
  return {
    status: response.status,
    headers: { ...response.headers, "content-encoding": "gzip", vary: "accept-encoding" },
    body: gzipSync(response.body),
  };
}
