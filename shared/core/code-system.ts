import type { ChangeType, RecordCategory } from "./snapshot-diff.js";

/** A system-specific reading of one record's revision that the plain key comparison cannot make. */
export interface RevisionVerdict {
  readonly changeType: ChangeType;
  /** e.g. `terminated`, `reinstated`. */
  readonly reason: string;
  /** False for a revision CMS's published counts leave out (reported, counted in `minorRevisions`). */
  readonly counted?: boolean;
}

/** How one code system's snapshot lines are read when diffing and reporting. */
export interface CodeSystemRules {
  /** e.g. `icd10cm` */
  readonly system: string;
  /** Human name, e.g. `ICD-10-CM`. */
  readonly label: string;
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
}
