import { daysBetween } from "../calendar/local-date.js";
import type { ChangeRecord } from "../changes/change-record.js";

/** One change as a coder reads it in a digest. */
export interface DigestItem {
  readonly code: string;
  readonly changeType: ChangeRecord["changeType"];
  /** "New", "Deleted", "Revised", or the change's own reason when it says more. */
  readonly label: string;
  readonly title: string;
  readonly fields: readonly { readonly field: string; readonly before: string; readonly after: string }[];
  readonly effectiveDate: string;
  readonly effectiveSoon: boolean;
  readonly version: string;
  readonly evidenceUrl: string;
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
    effectiveDate: change.effectiveDate?.slice(0, 10) ?? "",
    effectiveSoon: daysToEffect >= 0 && daysToEffect <= EFFECTIVE_SOON_DAYS,
    version: change.version,
    evidenceUrl: change.evidence.url,
  };
}

/** ICD-10-CM as coders write it (I25.10); other systems as published. */
function displayCode(change: ChangeRecord): string {
  if (change.system === "icd10cm" && change.key.length > 3)
    return `${change.key.slice(0, 3)}.${change.key.slice(3)}`;
  return change.key;
}

function isCptCode(change: ChangeRecord): boolean {
  return (change.system === "cpt" || change.system.startsWith("ncci")) && /^[0-9]/.test(change.key);
}
