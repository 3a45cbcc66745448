import type { CodeChange } from "../core/snapshot-diff.js";
import type { Source } from "../sources/source.js";
import type { ReleaseComparison } from "./collection-strategy.js";
import type { SuccessorChanges } from "./successor-changes.js";

/**
 * How much of a source a release may change before it looks like a broken download or a garbled
 * file rather than a publication, as shares of the previous release's records.
 */
export interface SanityLimits {
  /** Share of records a release may remove, e.g. 0.2. */
  readonly maxDeletionShare: number;
  /** Share of records a release may revise; undefined = no cap. */
  readonly maxRevisedShare?: number;
  /** Share of records a release may add; undefined = no cap. */
  readonly maxAddedShare?: number;
}

/**
 * Caps on revised and added records, from the publishers' real history. ICD-10-CM's biggest year
 * revised under 1% of its codes and added 2–5% (FY2017); ICD-10-PCS FY2018 added about 4.5%; an
 * NCCI quarter churns under 2%: a code set at five times its worst real year is refused. A
 * document set's listing may well be all new (a feed's window moves), so only revisions are capped:
 * every document's fields changing at once is a changed page layout, not news.
 */
export const DEFAULT_CODE_SET_LIMITS = { maxRevisedShare: 0.05, maxAddedShare: 0.1 } as const;
export const DEFAULT_DOCUMENT_LIMITS = { maxRevisedShare: 0.5 } as const;

/**
 * Revised and added shares are only judged past this many records: a share of a handful (one of a
 * two-item work plan revised) says nothing about a file being garbled.
 */
export const MIN_RECORDS_JUDGED = 20;

/** Per-source overrides an operator configures (`sanityLimits` in the CDK config). */
export type SanityOverrides = Readonly<Record<string, Partial<SanityLimits>>>;

export interface SanityInput extends SanityLimits {
  readonly sourceId: string;
  readonly recordsAfter: number;
  /** Absent for a source's first release. */
  readonly recordsBefore?: number;
  readonly changes?: readonly CodeChange[];
}

export type SanityVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Refuses releases that look like a broken download or a garbled file rather than a real
 * publication: nothing parsed, far more records gone than any real release removes, or far more
 * revised or added than any real release has. A refused release is a failed run — never
 * "everything was deleted" (or revised) in a coder's digest.
 */
export function checkSanity(input: SanityInput): SanityVerdict {
  if (input.recordsAfter === 0) {
    return { ok: false, reason: `${input.sourceId}: the release parsed to 0 records` };
  }
  const before = input.recordsBefore;
  if (before === undefined || before === 0) return { ok: true };
  const limit = input.maxDeletionShare;
  const changes = input.changes ?? [];
  // A terminated HCPCS code is still in the file: only records that left the file count here.
  const removed = changes.filter((change) => change.changeType === "deleted" && !change.after).length;
  if (removed / before > limit) {
    return {
      ok: false,
      reason: `${input.sourceId}: the release removes ${removed} of ${before} records (${percent(removed / before)}), above the ${percent(limit)} limit`,
    };
  }
  if (input.recordsAfter < before * (1 - limit)) {
    return {
      ok: false,
      reason: `${input.sourceId}: the release shrinks from ${before} to ${input.recordsAfter} records (${percent(1 - input.recordsAfter / before)}), above the ${percent(limit)} limit`,
    };
  }
  const revised = changes.filter((change) => change.changeType === "revised").length;
  if (
    input.maxRevisedShare !== undefined &&
    revised > MIN_RECORDS_JUDGED &&
    revised / before > input.maxRevisedShare
  ) {
    return {
      ok: false,
      reason: `${input.sourceId}: the release revises ${revised} of ${before} records (${percent(revised / before)}), above the ${percent(input.maxRevisedShare)} limit: a garbled or re-laid-out file, not a release`,
    };
  }
  const added = changes.filter((change) => change.changeType === "added" && !change.before).length;
  if (
    input.maxAddedShare !== undefined &&
    added > MIN_RECORDS_JUDGED &&
    added / before > input.maxAddedShare
  ) {
    return {
      ok: false,
      reason: `${input.sourceId}: the release adds ${added} records to ${before} (${percent(added / before)}), above the ${percent(input.maxAddedShare)} limit`,
    };
  }
  return { ok: true };
}

/** The limits a source's releases are held to: its kind's defaults, its own, then the operator's. */
export function sanityLimitsOf(
  source: Source,
  defaultMaxDeletionShare: number,
  overrides: SanityOverrides = {},
): SanityLimits {
  const kind = source.kind === "documents" ? DEFAULT_DOCUMENT_LIMITS : DEFAULT_CODE_SET_LIMITS;
  const own = {
    ...(source.maxDeletionShare === undefined ? {} : { maxDeletionShare: source.maxDeletionShare }),
    ...(source.maxRevisedShare === undefined ? {} : { maxRevisedShare: source.maxRevisedShare }),
    ...(source.maxAddedShare === undefined ? {} : { maxAddedShare: source.maxAddedShare }),
  };
  return { maxDeletionShare: defaultMaxDeletionShare, ...kind, ...own, ...overrides[source.id] };
}

/**
 * The sanity gate, before anything is written: a release that parsed to nothing or changes far
 * more than any real release does is a failed run, never a mass change. A backfill's successor is
 * held to the same limits against the older release.
 */
export function refuseWhatLooksBroken(
  source: Source,
  limits: SanityLimits,
  compared: ReleaseComparison,
  successor: SuccessorChanges | undefined,
): void {
  const verdicts = [
    checkSanity({
      ...limits,
      sourceId: source.id,
      recordsAfter: compared.records,
      recordsBefore: compared.recordsBefore,
      changes: compared.diff?.changes,
    }),
    ...(successor
      ? [
          checkSanity({
            ...limits,
            sourceId: `${source.id} ${successor.release.version}`,
            recordsAfter: successor.summary.after.records,
            recordsBefore: successor.summary.before.records,
            changes: successor.changes,
          }),
        ]
      : []),
  ];
  for (const verdict of verdicts) if (!verdict.ok) throw new SanityRefusal(verdict.reason);
}

/** A release the sanity gate refused: a run that fails with it is "refused by the sanity gate". */
export class SanityRefusal extends Error {
  override readonly name = "SanityRefusal";
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
