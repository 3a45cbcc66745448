import type { RecordCategory } from "../diff/types.js";

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
  /** The title shown beside a key in digests and reports (never a CPT descriptor). */
  titleOf(fields: readonly string[]): string;
}
