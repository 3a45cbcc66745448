import type { ChangeRecord } from "../../changes/change-record.js";
import type { ChangeWording, Wording, WordingContext } from "./change-wording.js";
import { documentWording } from "./document-wording.js";
import { hcpcsWording } from "./hcpcs-wording.js";
import { icd10Wording } from "./icd10-wording.js";
import { ncciMueWording } from "./ncci-mue-wording.js";
import { ncciPtpWording } from "./ncci-ptp-wording.js";

/** The wording of each code system's changes; any other system's records are documents. */
const BY_SYSTEM: Readonly<Record<string, Wording>> = {
  icd10cm: icd10Wording,
  icd10pcs: icd10Wording,
  hcpcs: hcpcsWording,
  "ncci-ptp": ncciPtpWording,
  "ncci-mue": ncciMueWording,
};

/** A change in a coder's words (see change-wording.ts). */
export function wordChange(change: ChangeRecord, context: WordingContext): ChangeWording {
  return (BY_SYSTEM[change.system] ?? documentWording)(change, context);
}
