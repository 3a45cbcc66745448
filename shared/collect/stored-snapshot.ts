import { decodeSnapshot } from "../codesets/snapshot-file.js";
import type { CodeSetSnapshot } from "../core/snapshot.js";
import type { EvidenceArchive } from "../evidence/evidence-archive.js";
import type { ReleaseRecord } from "../releases/release-record.js";

/** The archive key of the snapshot a collected release was stored with. */
export function storedSnapshotKey(release: ReleaseRecord): string {
  const key = release.evidence.snapshotKey;
  if (!key) throw new Error(`release ${release.item} has no stored snapshot to compare with`);
  return key;
}

/** A collected release's snapshot as stored: gzipped lines, read as they inflate by the streamed diff. */
export function storedSnapshotBytes(archive: EvidenceArchive, release: ReleaseRecord): Promise<Buffer> {
  return archive.get(storedSnapshotKey(release));
}

/** A collected release's snapshot, whole, for the in-memory diff. */
export async function storedSnapshot(
  archive: EvidenceArchive,
  release: ReleaseRecord,
): Promise<CodeSetSnapshot> {
  return decodeSnapshot(await storedSnapshotBytes(archive, release));
}
