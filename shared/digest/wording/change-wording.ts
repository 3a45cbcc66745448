import type { ChangeRecord } from "../../changes/change-record.js";

/**
 * One change in a coder's words. The HTML email, the text email and the web digest page all
 * render this, so a change reads the same wherever it is read.
 */
export interface ChangeWording {
  /** What happened, as a sentence without the code: "edit removed from 2026-07-01 — may be billed together". */
  readonly headline: string;
  /** Further sentences: what changed from what to what, what to use instead. */
  readonly details: readonly string[];
  /** The code's own title where the publisher's is public (ICD-10, HCPCS Level II, a document); never CPT's. */
  readonly title: string;
  /** The day the change takes effect for claims, when it has one (YYYY-MM-DD). */
  readonly effectiveDate?: string;
  /** For a deleted code: the codes to use instead, when the publisher names them. */
  readonly replacements?: readonly string[];
  /** Short kind for summaries: "deleted", "new-edit", "edit-removed", "modifier", "mue", "new", "revised", "document". */
  readonly kind: ChangeKind;
}

export type ChangeKind =
  | "new"
  | "deleted"
  | "revised"
  | "reinstated"
  | "new-edit"
  | "edit-removed"
  | "modifier"
  | "edit-revised"
  | "mue"
  | "document";

/** What wording a change may need beyond the change itself. */
export interface WordingContext {
  /**
   * Codes added under a code in the same release (a code that became a header: its new subcodes),
   * as displayed.
   */
  readonly subcodesOf: (change: ChangeRecord) => readonly string[];
}

export type Wording = (change: ChangeRecord, context: WordingContext) => ChangeWording;

/**
 * Every field name a reader may see, in words. Fields not named here are never shown by name:
 * a change to them is reported as "other details changed".
 */
export type FieldLabels = Readonly<Record<string, string>>;
