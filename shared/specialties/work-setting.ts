/**
 * Where a coder works decides which code sets are theirs by default. A professional-fee coder never
 * reports ICD-10-PCS (inpatient hospital procedures) and bills under the practitioner NCCI tables;
 * an inpatient facility coder lives in ICD-10-CM and ICD-10-PCS; a hospital outpatient coder uses
 * HCPCS/CPT under the outpatient-hospital NCCI tables; a DME supplier bills HCPCS under the DME MUE
 * table. Payer, audit and compliance readers see every code set.
 *
 * Named by the code-set sources each setting takes (ids of shared/sources/catalog.ts: a test keeps
 * them in step). Documents (rules, transmittals, newsroom, OIG) are matched by codes, keywords and
 * followed sources whatever the setting.
 */
export const WORK_SETTINGS = {
  "professional-fee": {
    label: "Professional fee (physician or practice billing)",
    codeSetSources: ["icd10cm", "hcpcs", "ncci-ptp-practitioner", "ncci-mue-practitioner"],
  },
  "facility-inpatient": {
    label: "Facility inpatient (hospital stays: ICD-10-CM and ICD-10-PCS)",
    codeSetSources: ["icd10cm", "icd10pcs"],
  },
  "facility-outpatient": {
    label: "Facility outpatient (hospital outpatient departments, ASCs)",
    codeSetSources: ["icd10cm", "hcpcs", "ncci-ptp-hospital", "ncci-mue-hospital"],
  },
  "dme-supplier": {
    label: "DME supplier",
    codeSetSources: ["icd10cm", "hcpcs", "ncci-mue-dme"],
  },
  "payer-compliance": {
    label: "Payer, audit or compliance (every code set)",
    codeSetSources: "all",
  },
} as const satisfies Record<string, { label: string; codeSetSources: readonly string[] | "all" }>;

export type WorkSetting = keyof typeof WORK_SETTINGS;
export const WORK_SETTING_IDS = Object.keys(WORK_SETTINGS) as [WorkSetting, ...WorkSetting[]];

/** Whether a change of this code-set source is in the setting's code sets. */
export function settingIncludes(setting: WorkSetting, sourceId: string): boolean {
  const sources = WORK_SETTINGS[setting].codeSetSources;
  return sources === "all" || (sources as readonly string[]).includes(sourceId);
}
