import type { CodeFamily } from "../core/code-system.js";
import type { ChangeType, FieldChange, RecordCategory } from "../core/snapshot-diff.js";
import type { Evidence } from "../evidence/evidence.js";

/**
 * One entry of the change log: a code (or document) that was added, deleted or revised in a
 * release, with the evidence it was computed from. Never carries a CPT descriptor.
 */
export interface ChangeRecord {
  /** Deterministic: source, release, change type and key (see `changeId`). */
  readonly id: string;
  readonly sourceId: string;
  /** Code system of the key, e.g. `icd10cm`. */
  readonly system: string;
  /**
   * What the system's rules said of it when the change was recorded: its name, the family a
   * subscriber's code ranges find the key in (absent for documents) and the key as coders write
   * it. Carried on the record so the people side (digests, matching) reads the change log alone
   * and never loads the source catalog and its parsers.
   */
  readonly systemLabel: string;
  readonly family?: CodeFamily;
  readonly displayCode: string;
  readonly key: string;
  /** `${system}#${key}`: the history-of-one-code index. */
  readonly codeRef: string;
  /** For pairs (NCCI PTP edits): `${system}#${column2}`, so the second code's history finds it too. */
  readonly pairedCodeRef?: string;
  readonly changeType: ChangeType;
  readonly category: RecordCategory;
  readonly reason?: string;
  /** Title after the change (before it, for a deletion). */
  readonly title: string;
  readonly fields: readonly FieldChange[];
  readonly before?: Readonly<Record<string, string>>;
  readonly after?: Readonly<Record<string, string>>;
  /** Release the change arrived in, and the one it was compared with. */
  readonly version: string;
  readonly releaseKey: string;
  readonly previousVersion: string;
  /**
   * When the change takes effect: a code set's release date; for a document, the date it gives
   * itself (a rule's `effective_on`, a transmittal's implementation date), empty when it gives none.
   */
  readonly effectiveDate: string;
  /** For a document: what it says of itself (type, comment deadline, official page). */
  readonly document?: ChangedDocument;
  /** When codecurrent first saw it (ISO), and that day (UTC, YYYY-MM-DD) for digests. */
  readonly detectedAt: string;
  readonly detectedDay: string;
  /** A backfilled older release: history, not news — digests skip it. */
  readonly history: boolean;
  /** The archived file the change was read from: its bytes hash to `evidence.sha256`. */
  readonly evidence: Evidence;
  /**
   * Further archived files that describe the same change (a transmittal's listing beside its
   * detail page), each downloadable under its own sha256.
   */
  readonly moreEvidence?: readonly Evidence[];
  readonly runId: string;
}

/** What a changed document says of itself, as recorded with the change. */
export interface ChangedDocument {
  /** e.g. `Final rule`, `Proposed rule`, `Transmittal`, `Work plan item`, `News`. */
  readonly type: string;
  /** How `effectiveDate` reads beside the type: `effective`, `implementation`, `announced` (empty: no date). */
  readonly dateLabel: string;
  /** ISO date comments close; absent when there is no comment period. */
  readonly commentsCloseOn?: string;
  /** The publisher's own page for the document. */
  readonly officialUrl?: string;
}

/**
 * A change id names exactly one fact: this key changed this way in this release. Re-running the
 * same release computes the same ids, so conditional and batch writes never duplicate a change.
 */
export function changeId(sourceId: string, releaseKey: string, changeType: ChangeType, key: string): string {
  return `${sourceId}|${releaseKey}|${changeType}|${key}`;
}

/** For an NCCI edit: the pair's second code, as `pairedCodeRef` files it (without the system). */
export function pairedCodeOf(change: Pick<ChangeRecord, "pairedCodeRef">): string | undefined {
  return change.pairedCodeRef?.split("#").slice(1).join("#");
}
