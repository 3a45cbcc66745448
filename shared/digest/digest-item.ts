import { daysBetween } from "../calendar/local-date.js";
import type { ChangeRecord } from "../changes/change-record.js";
import type { ChangeKind, WordingContext } from "./wording/change-wording.js";
import { wordChange } from "./wording/word-change.js";

/** Whether a change is already in effect on the digest's day, still to come, or has no date of its own. */
export type Timing = "upcoming" | "in-effect" | "undated";

/** One change as a coder reads it in a digest: the email's HTML and text parts and the web page render this. */
export interface DigestItem {
  /** As coders write it: I63.81, J1100, `33208 + 93280`. */
  readonly code: string;
  readonly changeType: ChangeRecord["changeType"];
  readonly kind: ChangeKind;
  /** What happened, in words: "edit removed from 2026-07-01 — may be billed together". */
  readonly headline: string;
  /** The code's public title (never a CPT descriptor); a document's title. */
  readonly title: string;
  readonly details: readonly string[];
  /** For a deleted code, what to use instead (as displayed), when the publisher names it. */
  readonly replacements: readonly string[];
  readonly effectiveDate: string;
  readonly timing: Timing;
  /** "takes effect 2026-10-01 (in 43 days)", "in effect since 2018-10-01". */
  readonly when: string;
  readonly effectiveSoon: boolean;
  readonly version: string;
  /** Which of a system's tables it is in, when the system has several: "Medicaid practitioner". */
  readonly table?: string;
  readonly evidenceUrl: string;
  /** A document's own page (Federal Register, CMS newsroom), when its record names one. */
  readonly readUrl?: string;
  /** On the reader's own watchlist. */
  readonly watched: boolean;
}

/** Changes taking effect within this many days are flagged and listed first. */
export const EFFECTIVE_SOON_DAYS = 45;

export function digestItem(
  change: ChangeRecord,
  today: string,
  context: WordingContext,
  watched = false,
): DigestItem {
  const wording = wordChange(change, context);
  const effectiveDate = wording.effectiveDate ?? "";
  const daysToEffect = effectiveDate ? daysBetween(today, effectiveDate) : undefined;
  const timing: Timing = daysToEffect === undefined ? "undated" : daysToEffect > 0 ? "upcoming" : "in-effect";
  // CPT descriptors are the AMA's licensed text: a CPT code set's own records show their number alone.
  const cpt = change.system === "cpt";
  return {
    code: displayCodeOf(change),
    changeType: change.changeType,
    kind: wording.kind,
    headline: wording.headline,
    title: cpt ? "" : wording.title,
    details: cpt ? [] : wording.details,
    replacements: wording.replacements ?? [],
    effectiveDate,
    timing,
    when: whenOf(timing, effectiveDate, daysToEffect),
    // A document's listing date is not an effective date: only code sets (and dated documents) take effect.
    effectiveSoon: timing === "upcoming" && (daysToEffect ?? Number.POSITIVE_INFINITY) <= EFFECTIVE_SOON_DAYS,
    version: change.version,
    ...(tableOf(change) ? { table: tableOf(change) } : {}),
    evidenceUrl: change.evidence.url,
    ...readUrlOf(change),
    watched,
  };
}

function whenOf(timing: Timing, effectiveDate: string, days: number | undefined): string {
  if (timing === "undated") return "no effective date";
  if (timing === "in-effect")
    return days === 0 ? `in effect from today, ${effectiveDate}` : `in effect since ${effectiveDate}`;
  return `takes effect ${effectiveDate} (in ${days} day${days === 1 ? "" : "s"})`;
}

/** As coders write it (I25.10, `33208 + 93280`), the way the system's rules displayed it when recorded. */
export function displayCodeOf(change: Pick<ChangeRecord, "key" | "displayCode">): string {
  // Records written before the change log carried the display form show the key as published.
  return change.displayCode ?? change.key;
}

/** The tables of systems that have several (NCCI), by the source id's suffix after the system. */
const TABLES: Readonly<Record<string, string>> = {
  practitioner: "Medicare practitioner",
  hospital: "Medicare outpatient hospital",
  dme: "Medicare DME supplier",
  "medicaid-practitioner": "Medicaid practitioner",
};

/** Which table of its system a change is in, when the system has several (NCCI PTP and MUE). */
export function tableOf(change: Pick<ChangeRecord, "sourceId" | "system">): string | undefined {
  const prefix = `${change.system}-`;
  return change.sourceId.startsWith(prefix) ? TABLES[change.sourceId.slice(prefix.length)] : undefined;
}

/** Whether the change is in a code set (it takes effect) rather than a document. */
export function isCodeSetChange(change: Pick<ChangeRecord, "family">): boolean {
  return change.family !== undefined;
}

function readUrlOf(change: ChangeRecord): { readUrl?: string } {
  const values = change.after ?? change.before;
  const url =
    change.document?.officialUrl ?? values?.officialUrl ?? values?.html_url ?? values?.link ?? values?.url;
  return url && /^https:\/\//.test(url) ? { readUrl: url } : {};
}
