import type { CodeSystemRules } from "../core/code-system.js";
import type { PublisherCounts } from "../core/publisher-counts.js";
import type { ReleaseCandidate, ReleaseFile, ReleasePayload } from "../core/release.js";
import type { CodeSetSnapshot } from "../core/snapshot.js";
import type { ExpectedRelease } from "./expected-release.js";
import type { Discovery } from "./publisher-discovery.js";

/** How often a source is looked at, and how long it may stay without a new release before someone should look. */
export interface SourceCadence {
  /** EventBridge Scheduler expression, e.g. `rate(1 day)` or `cron(15 11 * * ? *)` (UTC). */
  readonly schedule: string;
  /** A source with no successful run for this many hours is silent (alarm). */
  readonly silentAfterHours: number;
}

/**
 * What a source is, and so how it is collected (`shared/collect/strategies/`, one strategy per kind):
 * - `codeset`: a public code set small enough to hold as a snapshot (ICD-10-CM, HCPCS, MUE tables);
 * - `streamed-codeset`: a code set read and diffed as a stream (NCCI PTP: millions of edits);
 * - `documents`: a set of documents listed by a publisher (rules, transmittals, news, work plan).
 */
export type SourceKind = Source["kind"];

/** A public code set (ICD-10-CM, ICD-10-PCS, HCPCS…): each release parses to a keyed snapshot. */
interface CodeSetSourceShape {
  readonly id: string;
  readonly title: string;
  /** Code system of the snapshot (`rules.system`, e.g. `icd10cm`) and how its records are read. */
  readonly rules: CodeSystemRules;
  readonly cadence: SourceCadence;
  /** When releases are due, so a missing one is reported (`expected release missing`). */
  readonly expectedRelease?: ExpectedRelease;
  /** Deletion share above which a run fails the sanity gate (default 0.2). */
  readonly maxDeletionShare?: number;
  /** Revised share above which a run fails the sanity gate (default: `DEFAULT_CODE_SET_LIMITS`). */
  readonly maxRevisedShare?: number;
  /** Added share above which a run fails the sanity gate (default: `DEFAULT_CODE_SET_LIMITS`). */
  readonly maxAddedShare?: number;
  /** Which entries of a published zip hold the data, in order of preference (also used by `codecurrent diff`). */
  readonly entryPatterns: readonly RegExp[];
  /** Entries read beside the data entry when a zip has them (`ReleaseFile.companions`; also used by `codecurrent diff`). */
  readonly companionPatterns?: readonly RegExp[];
  /**
   * Releases that may be published around `now`, newest first. Sources whose releases are
   * discovered from a publisher's page (NCCI) read it through `context.fetchText`.
   */
  candidates(now: Date, context?: DiscoveryContext): ReleaseCandidate[] | Promise<ReleaseCandidate[]>;
  /**
   * For sources that find their releases on the publishers' own pages: the releases found (oldest
   * first), every page read and how it went, the links skipped, and any fallback publisher used.
   * `candidates` is its `releases`; health and alerts read the rest.
   */
  discover?(now: Date, context: DiscoveryContext): Promise<Discovery>;
  /**
   * Pure: payloads of one release → snapshot, no I/O. Throws `ParseError` on a layout it does not
   * recognise. Asynchronous: a workbook (XLSX) is a zip, read through the archive's limited reader.
   */
  parse(
    payloads: readonly ReleasePayload[],
    release: ReleaseCandidate,
  ): CodeSetSnapshot | Promise<CodeSetSnapshot>;
  /**
   * Pure: what the publisher itself says the release changed (ICD-10 addenda beside the order file,
   * HCPCS ACTION CD), so collection can say whether its diff agrees. Undefined: the release says nothing.
   */
  publisherCounts?(
    payloads: readonly ReleasePayload[],
    snapshot: CodeSetSnapshot,
  ): PublisherCounts | undefined;
}

/** A code set each of whose releases is parsed and diffed in memory. */
export interface InMemoryCodeSetSource extends CodeSetSourceShape {
  readonly kind: "codeset";
}

/** A fetched publisher response, raw, as kept for evidence. */
export interface FetchedDocument {
  /** The publisher's URL (not a local mirror's). */
  readonly url: string;
  readonly fetchedAt: string;
  readonly bytes: Buffer;
  readonly sha256: string;
  readonly contentType?: string;
}

export interface DocumentRequest {
  readonly url: string;
  /** Checked against the response so a bot-check or error page never reaches a parser. */
  readonly expect?: "json" | "html" | "text";
  /** Aborts the request (the run's deadline). */
  readonly signal?: AbortSignal;
}

/** How a source reaches publishers: limits, retries, User-Agent and the local mirror are applied for it. */
export type FetchDocument = (request: DocumentRequest) => Promise<FetchedDocument>;

export interface DiscoveryContext {
  readonly fetchText: FetchDocument;
  /**
   * Something on a publisher's page was skipped rather than trusted (a malformed link): said
   * here, it is logged and kept on the run record, and the rest of the page still counts.
   */
  readonly warn?: (message: string) => void;
}

/** What a document source lists right now, as a keyed snapshot plus the responses it was read from. */
export interface DocumentGathering {
  /** Keyed by document id; fields hold only the meaningful parts (never menus or per-request tokens). */
  readonly snapshot: CodeSetSnapshot;
  /** Every response read, in order; the first is the listing that evidences the set. */
  readonly responses: readonly FetchedDocument[];
  /**
   * The responses that describe each document, by key, as indexes into `responses`: its detail
   * page first, then the listing page that named it. A document not named here is evidenced by
   * the first response.
   */
  readonly describedBy?: ReadonlyMap<string, readonly number[]>;
}

export interface GatherContext {
  readonly now: Date;
  readonly fetch: FetchDocument;
  /** Keys already known from the previous snapshot, so detail pages are fetched for new items only. */
  readonly known: ReadonlySet<string>;
  /**
   * The current snapshot, for sources that read a detail page only for new documents: a listed,
   * known document keeps the fields its page gave when it was new.
   */
  readonly previous?: CodeSetSnapshot;
}

/**
 * A set of documents (Federal Register rules, transmittals, newsroom items, OIG work plan items):
 * each run lists what is there now; a new key is a new document, a changed meaningful field a
 * revised one.
 */
export interface DocumentSource {
  readonly id: string;
  readonly kind: "documents";
  readonly title: string;
  /** Fields of a document line and how they read (`rules.system` names the set, e.g. `federal-register`). */
  readonly rules: CodeSystemRules;
  readonly cadence: SourceCadence;
  /**
   * `window`: the listing shows recent items only (a feed), so an item missing from it is not
   * deleted and stays in the snapshot. `complete`: the listing is the whole set, so a missing item
   * was removed.
   */
  readonly coverage: "window" | "complete";
  readonly maxDeletionShare?: number;
  /** Revised share above which a run fails the sanity gate (default: `DEFAULT_DOCUMENT_LIMITS`). */
  readonly maxRevisedShare?: number;
  readonly maxAddedShare?: number;
  /** Reads the publisher through `context.fetch`; parsing happens in pure functions it calls. */
  gather(context: GatherContext): Promise<DocumentGathering>;
}

/** One file of a release, its data entry inflating as it is read. */
export interface ReleasePartStream {
  readonly file: ReleaseFile;
  /** Zip entry path, or the URL's last segment. */
  readonly name: string;
  readonly bytes: AsyncIterable<Buffer>;
}

/** Told where each part of a multi-part release begins, so a change can point at the part holding it. */
export interface PartObserver {
  /** The key of the first record read from part `index` (0-based, in file order). */
  partStarts(index: number, firstKey: string): void;
}

/**
 * A code set too large to hold as a snapshot in a Lambda (NCCI PTP: millions of pairs). Collection
 * streams it: the parts are inflated while they are read, the lines are diffed against the stored
 * snapshot's lines as both arrive, and only the changes are kept. Small sources stay on `parse`.
 */
export interface StreamedCodeSetSource extends CodeSetSourceShape {
  readonly kind: "streamed-codeset";
  /**
   * Pure: the release's parts in order (each opened when the previous one is done) → snapshot
   * lines, sorted and unique by key. Throws `ParseError` while reading, before anything is stored.
   */
  readLines(
    parts: AsyncIterable<ReleasePartStream>,
    release: ReleaseCandidate,
    observer?: PartObserver,
  ): AsyncIterable<string>;
}

/** A code set, however it is collected: what the API, the CLI and the code systems list. */
export type CodeSetSource = InMemoryCodeSetSource | StreamedCodeSetSource;

export type Source = CodeSetSource | DocumentSource;

export function isCodeSet(source: Source): source is CodeSetSource {
  return source.kind !== "documents";
}
