/** What happened to one keyed record between two releases. */
export type ChangeType = "added" | "deleted" | "revised";

/**
 * CMS counts new, deleted and revised *valid* (billable) codes; other records change too but are
 * reported apart: ICD-10 header lines, and HCPCS records kept in the file with a termination date.
 * Code sets with neither (NCCI, document sets) only have `code`.
 */
export type RecordCategory = "code" | "header" | "terminated";

/** Every category, for validating filters. */
export const RECORD_CATEGORIES = [
  "code",
  "header",
  "terminated",
] as const satisfies readonly RecordCategory[];

export interface FieldChange {
  readonly field: string;
  readonly before: string;
  readonly after: string;
}

/** One record-level change, before any storage concern (ids, evidence) is attached. */
export interface CodeChange {
  readonly key: string;
  readonly changeType: ChangeType;
  readonly category: RecordCategory;
  /** Field values before (absent for an added record). */
  readonly before?: Readonly<Record<string, string>>;
  /** Field values after (absent for a deleted record). */
  readonly after?: Readonly<Record<string, string>>;
  /** Fields that differ, for records present in both releases. */
  readonly fields: readonly FieldChange[];
  /**
   * Why the change is typed the way it is when the plain key comparison would mislead, e.g.
   * `expanded-to-header`: a valid code that gained subcodes and now stands as a header;
   * `header-to-code`: a header whose subcodes were removed and that is valid again; `terminated`
   * and `reinstated` from a system's own bookkeeping (HCPCS termination date).
   */
  readonly reason?: string;
  /** False when CMS's published counts leave this revision out (see `DiffSummary.minorRevisions`). */
  readonly counted?: boolean;
}

export interface ChangeCounts {
  added: number;
  deleted: number;
  revised: number;
}

export interface DiffSummary extends ChangeCounts {
  /**
   * Changes of records that are not valid codes (ICD-10 header lines, HCPCS terminated records),
   * reported apart from the CMS valid-code counts.
   */
  readonly headers: ChangeCounts;
  /**
   * Revisions of valid codes that CMS's published counts leave out, still reported as changes:
   * for ICD-10, a code whose abbreviated (short) title alone changed.
   */
  readonly minorRevisions: number;
  readonly before: { records: number; codes: number };
  readonly after: { records: number; codes: number };
}

export interface SnapshotDiff {
  readonly system: string;
  readonly fromVersion: string;
  readonly toVersion: string;
  readonly summary: DiffSummary;
  readonly changes: readonly CodeChange[];
}
