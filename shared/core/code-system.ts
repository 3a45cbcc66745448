import type { ChangeType, RecordCategory } from "./snapshot-diff.js";

/** A system-specific reading of one record's revision that the plain key comparison cannot make. */
export interface RevisionVerdict {
  readonly changeType: ChangeType;
  /** e.g. `terminated`, `reinstated`. */
  readonly reason: string;
  /** False for a revision CMS's published counts leave out (reported, counted in `minorRevisions`). */
  readonly counted?: boolean;
  /** The record's category when it is not a valid code (a revision of an HCPCS terminated record). Default `code`. */
  readonly category?: RecordCategory;
}

/**
 * The families a subscriber's code ranges are read in. CPT (HCPCS Level I) and HCPCS Level II share
 * one family: NCCI edits and the CMS HCPCS file mix them, and their shapes never collide (CPT
 * starts with a digit, Level II with a letter).
 */
export const CODE_FAMILIES = ["icd10cm", "icd10pcs", "hcpcs"] as const;
export type CodeFamily = (typeof CODE_FAMILIES)[number];

/** What one record of a system is called, e.g. `code`/`codes`, `edit`/`edits`, `document`/`documents`. */
export interface RecordNoun {
  readonly one: string;
  readonly many: string;
}

/**
 * How `codecurrent diff` reads one side of a diff of this system: `file` — one release file as
 * published (plain, gzipped or the publisher's zip); `parts` — one or more part files (a file, a
 * comma-separated list or a folder of them), streamed.
 */
export interface CliDiff {
  readonly sides: "file" | "parts";
}

/**
 * What a document says of itself, read from its own fields: what kind of document it is, the
 * date it takes effect (or the date its publisher gives it, named by `dateLabel`), a comment
 * deadline and its official page. Never the day codecurrent happened to collect it.
 */
export interface DocumentFacts {
  /** e.g. `Final rule`, `Proposed rule`, `Transmittal`, `Work plan item`, `News`. */
  readonly documentType: string;
  /** ISO date (YYYY-MM-DD), or empty when the publisher gives none. */
  readonly effectiveDate: string;
  /** How the date reads beside the type: `effective`, `implementation`, `announced`. */
  readonly dateLabel: string;
  /** ISO date comments close (Federal Register proposed rules); empty when there is none. */
  readonly commentsCloseOn: string;
  /** The publisher's own page for the document (https), empty when it names none. */
  readonly officialUrl: string;
}

/**
 * How one code system's snapshot lines are read when diffing and reporting, and everything the
 * rest of codecurrent needs to know about the system: declared here once, so a new source's
 * system is labelled, matched, displayed and counted everywhere without being listed again.
 */
export interface CodeSystemRules {
  /** e.g. `icd10cm` */
  readonly system: string;
  /** Human name, e.g. `ICD-10-CM`: digest headings, the API's code history, source health. */
  readonly label: string;
  /**
   * The family a subscriber's code ranges find this system's keys in (an NCCI edit's codes are
   * HCPCS/CPT codes). `null` for document sets: their records are documents, not codes, and they
   * take no effect on a date of their own.
   */
  readonly family: CodeFamily | null;
  /** A key as coders write it: ICD-10-CM dotted (`I63.81`), an NCCI pair as `33208 + 93280`. */
  displayCode(key: string): string;
  readonly recordNoun: RecordNoun;
  /**
   * What the records reported apart from the code counts are called, when the system has any:
   * ICD-10 `header lines`, HCPCS `terminated records`.
   */
  readonly apartNoun?: string;
  /**
   * What the revisions CMS's counts leave out are called, when the system has any: ICD-10
   * `abbreviated-title-only revisions`, HCPCS `whitespace-only description edits`.
   */
  readonly minorRevisionNoun?: string;
  /** `null`: `codecurrent diff` does not diff this system from files (document sets). */
  readonly cliDiff: CliDiff | null;
  /** Field names after the key, in snapshot line order. */
  readonly fields: readonly string[];
  /** `code` = counts in the CMS valid-code summary; `header` = reported apart. */
  categoryOf(fields: readonly string[]): RecordCategory;
  /**
   * Same answer as `categoryOf`, read from the whole snapshot line without splitting it: the diff
   * asks this for every unchanged line of a multi-million-row set. Absent = split and ask `categoryOf`.
   */
  categoryOfLine?(line: string): RecordCategory;
  /** The title shown beside a key in digests and reports (never a CPT descriptor). */
  titleOf(fields: readonly string[]): string;
  /**
   * For a key present in both releases whose fields differ: a verdict when the system's own
   * bookkeeping says the revision is really an end or a return of the code (HCPCS keeps a
   * terminated code in the file and sets its termination date). Undefined = the generic reading.
   */
  classify?(before: readonly string[], after: readonly string[]): RevisionVerdict | undefined;
  /**
   * Fields that record why a line last changed rather than what the code is (HCPCS's action code
   * and its date). A revision touching only these is no change to the code, so it is not reported:
   * otherwise every quarter would "revise" each code whose action code fell back to N.
   */
  readonly bookkeepingFields?: readonly string[];
  /**
   * For systems whose key is a pair of codes (NCCI PTP edits): the two codes, so the change log
   * files the change under each code's history. Undefined = the key is one code.
   */
  pairOf?(key: string): readonly [first: string, second: string] | undefined;
  /**
   * For document sets: what a document says of itself (type, effective date, comment deadline,
   * official page), read from its fields by name. Undefined for code sets, whose releases carry
   * the effective date.
   */
  documentFacts?(values: Readonly<Record<string, string>>): DocumentFacts;
  /**
   * For document sets: the date a document was listed or published (its publisher's own), from
   * which a set's release is dated by content rather than by the moment it was read.
   */
  listedOn?(values: Readonly<Record<string, string>>): string;
}
