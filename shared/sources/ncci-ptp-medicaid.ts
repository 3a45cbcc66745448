import { ncciPtpSource } from "./ncci-ptp.js";

/**
 * CMS's Medicaid NCCI edit files page. State Medicaid programs must apply NCCI edits of their own,
 * which CMS publishes each quarter apart from Medicare's, in the Medicare file layout.
 */
export const MEDICAID_PTP_PAGE =
  "https://www.cms.gov/medicare/coding-billing/ncci-medicaid/medicaid-ncci-edit-files";

/**
 * Medicaid NCCI PTP edits for practitioner services: Medicare's reading of the files (and its
 * `ncci-ptp` code system, so a code's history shows both programs' edits, each under its own
 * source), found on the Medicaid page.
 */
export const ncciPtpMedicaidPractitioner = ncciPtpSource({
  id: "ncci-ptp-medicaid-practitioner",
  title: "Medicaid NCCI Practitioner PTP Edits (CMS)",
  page: MEDICAID_PTP_PAGE,
  table: "Practitioner PTP Edits",
  schedule: "cron(50 12 * * ? *)",
});
