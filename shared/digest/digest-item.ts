import { daysBetween } from "../calendar/local-date.js";
import type { ChangeRecord } from "../changes/change-record.js";
import { documentSummary } from "../changes/document-summary.js";

/** One change as a coder reads it in a digest. */
export interface DigestItem {
  readonly code: string;
  readonly changeType: ChangeRecord["changeType"];
  /** "New", "Deleted", "Revised", or the change's own reason when it says more. */
  readonly label: string;
  readonly title: string;
  readonly fields: readonly { readonly field: string; readonly before: string; readonly after: string }[];
  /** For a code added or deleted outside ICD-10 (an NCCI edit, a HCPCS line): its values, e.g. `mueValue: 1`. */
  readonly details: string;
  readonly effectiveDate: string;
  readonly effectiveSoon: boolean;
  /** For a document, what it says of itself: `Final rule · effective 2026-10-01 · comments until …`. */
  readonly document?: string;
  readonly version: string;
  readonly evidenceUrl: string;
  /** A document's own page (Federal Register, CMS newsroom), when its record names one. */
  readonly readUrl?: string;
}

/** Changes taking effect within this many days are flagged and listed first. */
export const EFFECTIVE_SOON_DAYS = 45;

const LABELS: Readonly<Record<string, string>> = {
  added: "New",
  deleted: "Deleted",
  revised: "Revised",
  "expanded-to-header": "Deleted (now a header: use its new subcodes)",
  "header-to-code": "New (header valid again)",
  terminated: "Terminated",
  reinstated: "Reinstated",
};

export function digestItem(change: ChangeRecord, today: string): DigestItem {
  const daysToEffect = change.effectiveDate ? daysBetween(today, change.effectiveDate.slice(0, 10)) : -1;
  const cpt = isCptCode(change);
  return {
    code: displayCode(change),
    changeType: change.changeType,
    label: LABELS[change.reason ?? ""] ?? LABELS[change.changeType] ?? change.changeType,
    // CPT descriptors are the AMA's licensed text: a CPT code is shown by its number alone.
    title: cpt ? "" : change.title,
    fields: cpt ? [] : change.fields.map(({ field, before, after }) => ({ field, before, after })),
    details: cpt ? "" : detailsOf(change),
    effectiveDate: change.effectiveDate?.slice(0, 10) ?? "",
    // Code sets take effect on their release's date; a document only when it says it does (a
    // rule's effective date, a transmittal's implementation date), not on an announcement date.
    effectiveSoon: takesEffect(change) && daysToEffect >= 0 && daysToEffect <= EFFECTIVE_SOON_DAYS,
    ...(change.document ? { document: documentSummary(change.document, change.effectiveDate) } : {}),
    version: change.version,
    evidenceUrl: change.evidence.url,
    ...readUrlOf(change),
  };
}

/** As coders write it (I25.10, `33208 + 93280`), the way the system's rules displayed it when recorded. */
function displayCode(change: ChangeRecord): string {
  // Records written before the change log carried the display form show the key as published.
  return change.displayCode ?? change.key;
}

/**
 * Only a CPT code set's own records carry AMA descriptors. NCCI edits and MUEs name CPT codes but
 * carry CMS's values (MUE, modifier indicator, rationale), which are public and what coders need.
 */
function isCptCode(change: ChangeRecord): boolean {
  return change.system === "cpt";
}

const DETAILS_MAX = 300;

function detailsOf(change: ChangeRecord): string {
  if (change.system === "icd10cm" || change.system === "icd10pcs" || change.changeType === "revised")
    return "";
  const values = change.after ?? change.before ?? {};
  const text = Object.entries(values)
    .filter(([, value]) => value !== "" && value !== change.title)
    .map(([field, value]) => `${field}: ${value}`)
    .join("; ");
  return text.length > DETAILS_MAX ? `${text.slice(0, DETAILS_MAX - 1)}…` : text;
}

function takesEffect(change: ChangeRecord): boolean {
  if (change.family !== undefined) return true;
  const label = change.document?.dateLabel;
  return label === "effective" || label === "implementation";
}

function readUrlOf(change: ChangeRecord): { readUrl?: string } {
  const values = change.after ?? change.before;
  const url = change.document?.officialUrl ?? values?.html_url ?? values?.link ?? values?.url;
  return url && /^https:\/\//.test(url) ? { readUrl: url } : {};
}
