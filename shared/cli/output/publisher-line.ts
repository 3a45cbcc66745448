import { checkPublisherCounts, type PublisherCounts } from "../../core/publisher-counts.js";
import type { SnapshotDiff } from "../../core/snapshot-diff.js";

/**
 * The publisher's own counts beside the diff, for `codecurrent diff`. Two files carry no dates a
 * comparison could rely on, so a difference is said with its likeliest cause rather than as a fault.
 */
export function publisherLine(counts: PublisherCounts, diff: SnapshotDiff): string {
  const squeezed = (value: string) => value.replace(/\s+/g, " ").trim();
  const whitespaceOnly = diff.changes.filter(
    (change) =>
      change.changeType === "revised" &&
      change.category === "code" &&
      change.counted !== false &&
      change.fields.length > 0 &&
      change.fields.every((field) => squeezed(field.before) === squeezed(field.after)),
  ).length;
  const check = checkPublisherCounts(counts, diff.summary, { comparable: true, whitespaceOnly });
  if (check.status === "agrees") return `Publisher's own counts: ${check.note}.`;
  const cause =
    counts.source === "action-codes"
      ? "OLD may not be the release just before NEW (the action codes describe NEW's own update only)"
      : `OLD may not be the release the addenda counts from${counts.base ? ` (${counts.base})` : ""}`;
  return `Publisher's own counts differ: ${check.note.replace(/: check the release.*$/, "")}. ${cause}.`;
}
