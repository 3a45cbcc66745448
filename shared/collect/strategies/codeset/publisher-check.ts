import {
  checkPublisherCounts,
  type PublisherCounts,
  whitespaceOnlyRevisions,
} from "../../../core/publisher-counts.js";
import type { ReleaseRecord } from "../../../releases/release-record.js";
import type { ReleaseComparison } from "../../collection-strategy.js";

const DAY_MS = 86_400_000;
/** A quarter and a little: the release before an HCPCS quarterly file is at most this much older. */
const ONE_QUARTER_DAYS = 100;

/**
 * The publisher's counts beside the diff, when both exist. They are comparable only when the diff's
 * base is what the publisher counted from: HCPCS action codes describe the update from the quarter
 * just before; an addenda that names its base file names a fiscal year the previous release must be.
 */
export function publisherComparison(
  counts: PublisherCounts | undefined,
  release: { readonly effectiveDate: string },
  previous: ReleaseRecord | undefined,
  diff: ReleaseComparison["diff"],
): ReleaseComparison["publisher"] {
  if (!counts) return undefined;
  if (!previous || !diff) return { counts };
  const why = incomparable(counts, release, previous);
  const check = checkPublisherCounts(counts, diff.summary, {
    comparable: why === undefined,
    whitespaceOnly: whitespaceOnlyRevisions(diff.changes),
    ...(why ? { why } : {}),
  });
  return { counts, check: { status: check.status, note: check.note } };
}

function incomparable(
  counts: PublisherCounts,
  release: { readonly effectiveDate: string },
  previous: ReleaseRecord,
): string | undefined {
  if (counts.source === "action-codes") {
    const days = (Date.parse(release.effectiveDate) - Date.parse(previous.effectiveDate)) / DAY_MS;
    return days > ONE_QUARTER_DAYS
      ? `the release before it collected is ${previous.version}, ${Math.round(days / 91)} quarters earlier, and the action codes describe the last update only`
      : undefined;
  }
  const baseYear = /(?:^|[^0-9])(20\d\d)(?:[^0-9]|$)/.exec(counts.base ?? "")?.[1];
  return baseYear && !previous.version.includes(baseYear)
    ? `the addenda counts against ${counts.base}, the diff is against ${previous.version}`
    : undefined;
}
