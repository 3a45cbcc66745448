/**
 * What the preferences form offers to follow beyond a work setting and specialties: whole code
 * systems and whole document sources, by the ids the change log records (`system`, `sourceId`).
 * The subscription pages must not load the source catalog (it carries every parser), so the
 * choices are listed here and a test keeps them equal to what the catalog declares.
 */
export const FOLLOWABLE_CODE_SYSTEMS = [
  { id: "icd10cm", label: "ICD-10-CM (diagnoses)" },
  { id: "icd10pcs", label: "ICD-10-PCS (inpatient procedures)" },
  { id: "hcpcs", label: "HCPCS Level II" },
  { id: "ncci-ptp", label: "NCCI procedure-to-procedure edits" },
  { id: "ncci-mue", label: "NCCI medically unlikely edits (MUEs)" },
] as const;

export const FOLLOWABLE_DOCUMENT_SOURCES = [
  { id: "federal-register", label: "CMS rules in the Federal Register" },
  { id: "cms-transmittals", label: "CMS transmittals" },
  { id: "cms-newsroom", label: "CMS newsroom" },
  { id: "oig-workplan", label: "OIG Work Plan" },
] as const;
