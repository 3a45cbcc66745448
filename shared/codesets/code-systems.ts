import { NCCI_MUE } from "../ncci/mue-rules.js";
import { NCCI_PTP } from "../ncci/ptp-rules.js";
import type { CodeSystemRules } from "./code-system.js";
import { HCPCS } from "./hcpcs-file.js";
import { ICD10CM, ICD10PCS } from "./icd10-order-file.js";

/** Every code system codecurrent can diff, by its `system` id. */
export const CODE_SYSTEMS: Readonly<Record<string, CodeSystemRules>> = {
  [ICD10CM.system]: ICD10CM,
  [ICD10PCS.system]: ICD10PCS,
  [HCPCS.system]: HCPCS,
  [NCCI_PTP.system]: NCCI_PTP,
  [NCCI_MUE.system]: NCCI_MUE,
};

export function codeSystemRules(system: string): CodeSystemRules {
  const rules = CODE_SYSTEMS[system];
  if (!rules) {
    throw new Error(`Unknown code system "${system}". Known: ${Object.keys(CODE_SYSTEMS).join(", ")}`);
  }
  return rules;
}
