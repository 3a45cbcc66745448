import { cmsNewsroom } from "./cms-newsroom.js";
import { cmsTransmittals } from "./cms-transmittals.js";
import { federalRegister } from "./federal-register.js";
import { hcpcs } from "./hcpcs.js";
import { icd10cm } from "./icd10cm.js";
import { icd10pcs } from "./icd10pcs.js";
import { ncciMueDme, ncciMueHospital, ncciMuePractitioner } from "./ncci-mue.js";
import { ncciPtpHospital, ncciPtpPractitioner } from "./ncci-ptp.js";
import { ncciPtpMedicaidPractitioner } from "./ncci-ptp-medicaid.js";
import { oigWorkplan } from "./oig-workplan.js";
import { type CodeSetSource, isCodeSet, type Source } from "./source.js";

/** Every source codecurrent watches. Adding a source is adding its file and one entry here. */
export const SOURCE_CATALOG: readonly Source[] = [
  icd10cm,
  icd10pcs,
  hcpcs,
  ncciPtpPractitioner,
  ncciPtpHospital,
  ncciPtpMedicaidPractitioner,
  ncciMuePractitioner,
  ncciMueHospital,
  ncciMueDme,
  federalRegister,
  cmsTransmittals,
  cmsNewsroom,
  oigWorkplan,
];

export function sourceById(id: string): Source {
  const source = SOURCE_CATALOG.find((candidate) => candidate.id === id);
  if (!source) {
    throw new Error(`Unknown source "${id}". Known sources: ${SOURCE_CATALOG.map((s) => s.id).join(", ")}`);
  }
  return source;
}

/** The code-set source whose snapshots are in `system` (e.g. `icd10cm`). */
export function codeSetSourceFor(system: string): CodeSetSource {
  const source = SOURCE_CATALOG.find(
    (candidate): candidate is CodeSetSource => isCodeSet(candidate) && candidate.rules.system === system,
  );
  if (!source) throw new Error(`No code-set source for system "${system}"`);
  return source;
}
