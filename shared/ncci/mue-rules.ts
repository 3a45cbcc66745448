import type { CodeSystemRules, RevisionVerdict } from "../core/code-system.js";

const FIELDS = ["mueValue", "adjudicationIndicator", "rationale"] as const;
const VALUE = 0;
const INDICATOR = 1;
const RATIONALE = 2;

/**
 * NCCI medically unlikely edits: one line per HCPCS/CPT code and table. The three tables
 * (practitioner, outpatient hospital, DME) are separate sources sharing this system, so the
 * history of one code shows each table's changes under its own source.
 */
export const NCCI_MUE: CodeSystemRules = {
  system: "ncci-mue",
  label: "NCCI medically unlikely edits",
  family: "hcpcs",
  displayCode: (key) => key,
  recordNoun: { one: "MUE code", many: "MUE codes" },
  cliDiff: { sides: "file" },
  fields: FIELDS,
  categoryOf: () => "code",
  categoryOfLine: () => "code",
  titleOf: (fields) => `MUE ${fields[VALUE] ?? ""}; MAI ${fields[INDICATOR] ?? ""}`,
  classify(before, after): RevisionVerdict | undefined {
    const reasons: string[] = [];
    if (before[VALUE] !== after[VALUE]) reasons.push("mue-value-changed");
    if (before[INDICATOR] !== after[INDICATOR]) reasons.push("mai-changed");
    if (before[RATIONALE] !== after[RATIONALE]) reasons.push("rationale-changed");
    return reasons.length > 0 ? { changeType: "revised", reason: reasons.join(",") } : undefined;
  },
};
