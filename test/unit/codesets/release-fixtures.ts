import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import type { ReleasePayload } from "#shared/core/release.js";

/** A recorded real release file from test/fixtures, decompressed if it is stored gzipped. */
export function fixture(path: string): ReleasePayload {
  const bytes = readFileSync(new URL(`../../fixtures/${path}`, import.meta.url));
  const name = path.split("/").pop()!.replace(/\.gz$/, "");
  return { name, bytes: path.endsWith(".gz") ? gunzipSync(bytes) : bytes };
}

export function payload(name: string, text: string): ReleasePayload {
  return { name, bytes: Buffer.from(text, "latin1") };
}
