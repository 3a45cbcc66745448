import type { CodeChange, DiffSummary } from "./snapshot-diff.js";

/**
 * What the publisher itself says a release changed: CMS's addenda beside an ICD-10 order file
 * (its footer's counts, or its Add/Delete/Revise lines), or an HCPCS file's own ACTION CD column
 * (A added, D discontinued). Kept on the release so a reviewer sees the publisher's figures beside
 * codecurrent's.
 */
export interface PublisherCounts {
  readonly added: number;
  readonly deleted: number;
  /** Absent where the publisher gives none (HCPCS action codes mix descriptor and payment edits). */
  readonly revised?: number;
  readonly source: "addenda" | "action-codes";
  /** What the publisher counted against, when it says (the addenda's base file, e.g. `icd10cm_order_2018.txt`). */
  readonly base?: string;
}

/**
 * - `agrees`: the publisher's counts equal the diff's (evidence for the run);
 * - `disagrees`: they differ where they should not (a finding for the compliance team);
 * - `not-comparable`: the release was diffed against another base than the publisher counted from
 *   (e.g. an HCPCS pair a year apart, whose action codes describe the last update only).
 */
export type PublisherCheckStatus = "agrees" | "disagrees" | "not-comparable";

export interface PublisherCheck {
  readonly status: PublisherCheckStatus;
  readonly counts: PublisherCounts;
  /** One sentence a person reads: both sets of figures and what follows. */
  readonly note: string;
}

/**
 * The publisher's counts beside the diff's. Revisions agree in either view CMS has taken of
 * whitespace-only title edits (FY2019 counted them, FY2022 and FY2024 did not): `whitespaceOnly`
 * is how many of the diff's counted revisions change whitespace alone.
 */
export function checkPublisherCounts(
  counts: PublisherCounts,
  summary: Pick<DiffSummary, "added" | "deleted" | "revised">,
  options: { readonly comparable: boolean; readonly whitespaceOnly?: number; readonly why?: string },
): PublisherCheck {
  const whose = counts.source === "addenda" ? "CMS's addenda" : "the file's own ACTION CD column";
  const theirs = `${counts.added} added, ${counts.deleted} deleted${counts.revised === undefined ? "" : `, ${counts.revised} revised`}`;
  const ours = `${summary.added} added, ${summary.deleted} deleted${counts.revised === undefined ? "" : `, ${summary.revised} revised`}`;
  if (!options.comparable) {
    return {
      status: "not-comparable",
      counts,
      note: `${whose} counts ${theirs}; the diff (${ours}) is against another base${options.why ? `: ${options.why}` : ""}`,
    };
  }
  const whitespace = options.whitespaceOnly ?? 0;
  const revisedAgree =
    counts.revised === undefined ||
    counts.revised === summary.revised ||
    counts.revised === summary.revised - whitespace;
  const agrees = counts.added === summary.added && counts.deleted === summary.deleted && revisedAgree;
  if (agrees) {
    const view =
      whitespace > 0 && counts.revised !== undefined
        ? counts.revised === summary.revised
          ? ` (counting the ${whitespace} whitespace-only title edits as revisions)`
          : ` (leaving out the ${whitespace} whitespace-only title edits)`
        : "";
    return { status: "agrees", counts, note: `${whose} counts ${theirs}, as the diff does${view}` };
  }
  return {
    status: "disagrees",
    counts,
    note: `${whose} counts ${theirs}; the diff finds ${ours}: check the release before relying on either`,
  };
}

/** Counted revisions whose fields differ in whitespace alone (CMS counted these in some years only). */
export function whitespaceOnlyRevisions(changes: readonly CodeChange[]): number {
  const squeezed = (value: string) => value.replace(/\s+/g, " ").trim();
  return changes.filter(
    (change) =>
      change.changeType === "revised" &&
      change.category === "code" &&
      change.counted !== false &&
      change.fields.length > 0 &&
      change.fields.every((field) => squeezed(field.before) === squeezed(field.after)),
  ).length;
}
