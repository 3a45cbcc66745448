/**
 * What a compliance team shows an auditor for a change: the official URL, when it was fetched,
 * the sha256 of the bytes as published, and where those bytes are archived.
 */
export interface Evidence {
  readonly url: string;
  readonly fetchedAt: string;
  readonly sha256: string;
  /** S3 key of the raw payload, content-addressed by sha256. */
  readonly archiveKey: string;
  /** S3 key of the parsed snapshot the change was computed from, when there is one. */
  readonly snapshotKey?: string;
}
