import { createHash } from "node:crypto";

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Raw publisher files and parsed snapshots, each stored under a key derived from its sha256:
 * storing the same bytes twice is a no-op, and a key proves what was stored under it.
 */
export interface EvidenceArchive {
  /** Archives a publisher's bytes as fetched; returns the key. */
  putRaw(sourceId: string, bytes: Buffer, meta: { url: string; fetchedAt: string }): Promise<string>;
  /** Archives an encoded snapshot; returns the key. */
  putSnapshot(sourceId: string, encoded: Buffer): Promise<string>;
  get(key: string): Promise<Buffer>;
}

/** Where a source's raw file with this sha256 is kept: the same in every archive. */
export function rawKey(sourceId: string, sha256: string): string {
  return `raw/${sourceId}/${sha256}`;
}

/** Where a source's encoded snapshot with this sha256 is kept. */
export function snapshotKey(sourceId: string, sha256: string): string {
  return `snapshots/${sourceId}/${sha256}.tsv.gz`;
}
