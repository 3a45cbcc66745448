import { actionCodeCounts } from "../codesets/hcpcs-action-codes.js";
import { HCPCS, parseHcpcsRelease } from "../codesets/hcpcs-file.js";
import type { ReleaseCandidate } from "../core/release.js";
import type { CodeSetSource } from "./source.js";

const CMS_FILES = "https://www.cms.gov/files/zip";
// Fixed-width TXT first (CMS's record layout is defined on it), then XLSX, CSV, and an old .xls
// last (refused with a sentence, but named so a zip holding only that says so).
const ANWEB_FILE = [/ANWEB[^/]*\.txt$/i, /ANWEB[^/]*\.xlsx$/i, /ANWEB[^/]*\.csv$/i, /ANWEB[^/]*\.xls$/i];
const QUARTER_MONTHS = ["january", "april", "july", "october"] as const;

/**
 * HCPCS Level II, from CMS's quarterly "alpha-numeric HCPCS file" package. CMS has published it
 * as `…-hcpcs-file.zip` and `…-hcpcs-files.zip`; the ANWEB entry exists as TXT (fixed width),
 * XLSX and sometimes CSV, and any of them parses to the same snapshot.
 */
export const hcpcs: CodeSetSource = {
  id: "hcpcs",
  kind: "codeset",
  title: "HCPCS Level II quarterly file (CMS)",
  rules: HCPCS,
  cadence: { schedule: "cron(50 11 * * ? *)", silentAfterHours: 72 },
  // A record carries pricing, coverage and BETOS fields besides its descriptors: a January update
  // revises far more of them than an ICD-10 year revises titles.
  maxRevisedShare: 0.25,
  entryPatterns: ANWEB_FILE,
  companionPatterns: ANWEB_FILE,
  candidates: (now) => quarterlyReleases(now),
  parse: (payloads, release) => parseHcpcsRelease(payloads, release.version),
  publisherCounts: (_payloads, snapshot) => actionCodeCounts(snapshot),
};

function quarterlyReleases(now: Date): ReleaseCandidate[] {
  const releases: ReleaseCandidate[] = [];
  const current = now.getUTCFullYear() * 4 + Math.floor(now.getUTCMonth() / 3);
  for (let q = current + 1; q >= current - 2; q--) {
    const year = Math.floor(q / 4);
    const quarter = q % 4;
    const month = QUARTER_MONTHS[quarter]!;
    releases.push({
      version: `${year}-Q${quarter + 1}`,
      effectiveDate: `${year}-${String(quarter * 3 + 1).padStart(2, "0")}-01`,
      files: [
        {
          url: `${CMS_FILES}/${month}-${year}-alpha-numeric-hcpcs-file.zip`,
          alternateUrls: [`${CMS_FILES}/${month}-${year}-alpha-numeric-hcpcs-files.zip`],
          entry: ANWEB_FILE,
          companions: ANWEB_FILE,
        },
      ],
    });
  }
  return releases;
}
