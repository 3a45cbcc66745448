import { ICD10PCS } from "../codesets/icd10-order-file.js";
import { discoverIcd10Releases } from "./icd10-discovery.js";
import { orderFileRelease } from "./icd10-order-release.js";
import { discoveredCandidates } from "./publisher-discovery.js";
import type { CodeSetSource } from "./source.js";

const ORDER_FILE = orderFileRelease("icd10pcs", ICD10PCS);
const ENTRIES = { entry: ORDER_FILE.entryPatterns, companions: ORDER_FILE.companionPatterns };

/**
 * ICD-10-PCS, from CMS's order file with long and abbreviated titles, found on CMS's ICD-10 page
 * and its year pages; the same issues as ICD-10-CM (PCS April 2022 was issued in December 2021 and
 * re-issued as errata in January 2022). CMS is the only publisher of PCS files.
 */
export const icd10pcs: CodeSetSource = {
  id: "icd10pcs",
  kind: "codeset",
  title: "ICD-10-PCS order file (CMS)",
  rules: ICD10PCS,
  cadence: { schedule: "cron(40 11 * * ? *)", silentAfterHours: 72 },
  // CMS publishes the October 1 files by mid-June to early August.
  expectedRelease: { every: "year", effective: "10-01", publishedBy: "08-10" },
  entryPatterns: ORDER_FILE.entryPatterns,
  companionPatterns: ORDER_FILE.companionPatterns,
  discover: (_now, context) => discoverIcd10Releases("icd10pcs", context.fetchText, ENTRIES),
  candidates: (now, context) => discoveredCandidates((found) => icd10pcs.discover!(now, found), context),
  parse: ORDER_FILE.parse,
  publisherCounts: ORDER_FILE.publisherCounts,
};
