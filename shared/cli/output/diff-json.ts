import type { SnapshotDiff } from "../../core/snapshot-diff.js";

/** The whole diff as one JSON document; one change per line so a large diff stays greppable. */
export function diffAsJson(diff: SnapshotDiff): string {
  const head = JSON.stringify({
    system: diff.system,
    fromVersion: diff.fromVersion,
    toVersion: diff.toVersion,
    summary: diff.summary,
  });
  const changes = diff.changes.map((change) => JSON.stringify(change)).join(",\n");
  return `${head.slice(0, -1)},"changes":[${changes ? `\n${changes}\n` : ""}]}\n`;
}
