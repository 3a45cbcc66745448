import type { CodeSystemRules, RevisionVerdict } from "../core/code-system.js";

/** Snapshot key of one edit: `column1:column2` (both codes are 5 characters, so key order is pair order). */
export const PAIR_SEPARATOR = ":";

const FIELDS = ["priorTo1996", "effectiveDate", "deletionDate", "modifierIndicator", "rationale"] as const;
const PRIOR = 0;
const EFFECTIVE = 1;
const DELETION = 2;
const MODIFIER = 3;
const RATIONALE = 4;
/** The PTP files' own spelling of "no deletion date". */
export const NO_DELETION = "*";

const MODIFIER_MEANING: Readonly<Record<string, string>> = {
  "0": "no modifier allowed",
  "1": "modifier allowed",
  "9": "not applicable",
};

/**
 * NCCI procedure-to-procedure edits: one snapshot line per (column 1, column 2) pair. CMS keeps a
 * deleted edit in the file and sets its deletion date, the way HCPCS keeps a terminated code:
 * that revision is the edit's deletion, not a field edit.
 */
export const NCCI_PTP: CodeSystemRules = {
  system: "ncci-ptp",
  label: "NCCI procedure-to-procedure edits",
  // Both codes of an edit are HCPCS Level II or CPT codes.
  family: "hcpcs",
  displayCode: (key) => {
    const pair = NCCI_PTP.pairOf?.(key);
    return pair ? `${pair[0]} + ${pair[1]}` : key;
  },
  recordNoun: { one: "edit", many: "edits" },
  cliDiff: { sides: "parts" },
  fields: FIELDS,
  categoryOf: () => "code",
  categoryOfLine: () => "code",
  titleOf(fields) {
    const modifier = fields[MODIFIER] ?? "";
    const deletion = fields[DELETION];
    const deleted = deletion && deletion !== NO_DELETION ? `; deleted ${deletion}` : "";
    return `modifier ${modifier} (${MODIFIER_MEANING[modifier] ?? "unknown"})${deleted}; ${fields[RATIONALE] ?? ""}`;
  },
  classify(before, after): RevisionVerdict | undefined {
    const wasDeleted = (before[DELETION] ?? NO_DELETION) !== NO_DELETION;
    const nowDeleted = (after[DELETION] ?? NO_DELETION) !== NO_DELETION;
    if (!wasDeleted && nowDeleted) return { changeType: "deleted", reason: "edit-deleted" };
    if (wasDeleted && !nowDeleted) return { changeType: "added", reason: "edit-reinstated" };
    const reasons: string[] = [];
    if (before[MODIFIER] !== after[MODIFIER]) reasons.push("modifier-indicator-changed");
    if (before[RATIONALE] !== after[RATIONALE]) reasons.push("rationale-changed");
    if (
      before[EFFECTIVE] !== after[EFFECTIVE] ||
      before[DELETION] !== after[DELETION] ||
      before[PRIOR] !== after[PRIOR]
    ) {
      reasons.push("dates-changed");
    }
    return reasons.length > 0 ? { changeType: "revised", reason: reasons.join(",") } : undefined;
  },
  pairOf(key) {
    const separator = key.indexOf(PAIR_SEPARATOR);
    if (separator < 0) return undefined;
    return [key.slice(0, separator), key.slice(separator + 1)];
  },
};
