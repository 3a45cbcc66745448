import type { PublisherCounts } from "../core/publisher-counts.js";
import type { CodeChange, DiffSummary } from "../core/snapshot-diff.js";
import type { Evidence } from "../evidence/evidence.js";
import type { PublisherCheckResult, ReleaseRecord, SourceState } from "../releases/release-record.js";
import type { Source } from "../sources/source.js";
import type { CollectDependencies, CollectOptions } from "./collect-source.js";
import type { RunDeadline } from "./run-deadline.js";

/**
 * How one kind of source is collected: the two steps of the pipeline that depend on what a source
 * publishes. Everything else — the run record, the sanity gate, archiving the evidence, claiming
 * the release, writing its changes and completing it — is the pipeline's (`collect-source.ts`), the
 * same for every kind. A new kind of source is a folder under `strategies/` with its strategy and
 * one line in `strategies/registry.ts`.
 */
export interface CollectionStrategy<S extends Source = Source, R extends ObtainedRelease = ObtainedRelease> {
  /**
   * Finds what the publisher serves now (or the release the run was asked for) and reads it far
   * enough to know whether it is new. Writes nothing.
   */
  obtain(source: S, run: RunContext): Promise<R | UnchangedRelease>;
  /**
   * The obtained release beside `previous` (none for a source's first release): its record count,
   * its snapshot in the stored format, and its changes. Pure apart from reading the archive.
   */
  compare(
    source: S,
    obtained: R,
    previous: ReleaseRecord | undefined,
    run: RunContext,
  ): Promise<ReleaseComparison>;
}

/** What a run gives its strategy. */
export interface RunContext {
  /** When the run started: a document set's release is labelled by it. */
  readonly startedAt: Date;
  /** The source's state as read at the start of the run. */
  readonly state: SourceState;
  readonly options: CollectOptions;
  readonly deps: CollectDependencies;
  /** Something skipped rather than trusted (a malformed link on a publisher's page): kept on the run record. */
  readonly warn: (message: string) => void;
  /** Checked in long loops (a streamed table's lines): stops the run before the function's time runs out. */
  readonly deadline: RunDeadline;
}

/** Nothing new: the run ends as `unchanged`, with this reason. */
export interface UnchangedRelease {
  readonly status: "unchanged";
  readonly reason: string;
  readonly version?: string;
  readonly evidence?: Partial<Evidence>;
}

/** A raw publisher file as it is archived for evidence: a release file or a fetched page. */
export interface EvidenceFile {
  /** The publisher's URL (never a local mirror's). */
  readonly url: string;
  readonly fetchedAt: string;
  readonly bytes: Buffer;
  /** Validators of a release file, kept so the next run can ask for it conditionally. */
  readonly etag?: string;
  readonly lastModified?: string;
}

/** A release a strategy has obtained: what it is, the files it came from and its identity. */
export interface ObtainedRelease {
  readonly status: "obtained";
  readonly release: { readonly version: string; readonly effectiveDate: string };
  /** Every file read, in order; each is archived, and a change points at the one(s) it came from. */
  readonly files: readonly EvidenceFile[];
  /**
   * sha256 that identifies the release ("already collected"): of the published bytes (code sets),
   * of the parts' hashes (NCCI) or of the meaningful content (documents). Kept apart from the
   * files' own hashes, which are the evidence.
   */
  readonly identity: string;
  /**
   * Set when this release can only be compared with one release: a document set is read against
   * the current set (`release` absent for the first). Absent: the pipeline places the release by
   * its effective date among those collected — after the current one (news) or before it (history).
   */
  readonly comparedWith?: { readonly release?: ReleaseRecord };
}

/** A release compared with the previous one: what the sanity gate, the claim and the change log need. */
export interface ReleaseComparison {
  readonly records: number;
  /** Records of the previous release, when there is one. */
  readonly recordsBefore?: number;
  /** Records counted as codes (CMS counts valid codes; headers apart). */
  readonly codes: number;
  /** The new snapshot in the stored format (`codesets/snapshot-file.ts`). */
  readonly encoded: Buffer;
  /** Absent for a source's first release. */
  readonly diff?: { readonly summary: DiffSummary; readonly changes: readonly CodeChange[] };
  /**
   * Which of the obtained files a change was read from, as indexes into `files`, the first being
   * the one it points at (a document's detail page, then the listing that named it). Absent, or
   * an empty answer: the part holding its key (`partStarts`), else the first file.
   */
  readonly filesOfChange?: (change: CodeChange) => readonly number[];
  /** A release in several parts (NCCI PTP): the first key of each part, in file order. */
  readonly partStarts?: readonly string[];
  /** The publisher's own counts of the release, and (with a diff) whether they agree with it. */
  readonly publisher?: { readonly counts: PublisherCounts; readonly check?: PublisherCheckResult };
}
