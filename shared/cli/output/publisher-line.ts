import {
  checkPublisherCounts,
  type PublisherCounts,
  whitespaceOnlyRevisions,
} from "../../core/publisher-counts.js";
import type { SnapshotDiff } from "../../core/snapshot-diff.js";

/**
 * The publisher's own counts beside the diff, for `codecurrent diff`. Two files carry no dates a
 * comparison could rely on, so a difference is said with its likeliest cause rather than as a fault.
 */
export function publisherLine(counts: PublisherCounts, diff: SnapshotDiff): string {
  const whitespaceOnly = whitespaceOnlyRevisions(diff.changes);
  const check = checkPublisherCounts(counts, diff.summary, { comparable: true, whitespaceOnly });
  if (check.status === "agrees") return `Publisher's own counts: ${check.note}.`;
  const cause =
    counts.source === "action-codes"
      ? "OLD may not be the release just before NEW (the action codes describe NEW's own update only)"
      : `OLD may not be the release the addenda counts from${counts.base ? ` (${counts.base})` : ""}`;
  return `Publisher's own counts differ: ${check.note.replace(/: check the release.*$/, "")}. ${cause}.`;
}
