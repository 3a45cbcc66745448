import { ICD10PCS } from "../codesets/icd10-order-file.js";
import { orderFileRelease } from "./icd10-order-release.js";
import { fiscalYearReleases } from "./icd10cm.js";
import type { CodeSetSource } from "./source.js";

const CMS_FILES = "https://www.cms.gov/files/zip";
const ORDER_FILE = orderFileRelease("icd10pcs", ICD10PCS);

/** ICD-10-PCS, from CMS's order file with long and abbreviated titles; same calendar as ICD-10-CM. */
export const icd10pcs: CodeSetSource = {
  id: "icd10pcs",
  kind: "codeset",
  title: "ICD-10-PCS order file (CMS)",
  rules: ICD10PCS,
  cadence: { schedule: "cron(40 11 * * ? *)", silentAfterHours: 72 },
  entryPatterns: ORDER_FILE.entryPatterns,
  companionPatterns: ORDER_FILE.companionPatterns,
  candidates: (now) =>
    fiscalYearReleases(now, (year, april) => ({
      url: `${CMS_FILES}/${april ? `april-1-${year}-` : `${year}-`}icd-10-pcs-order-file-long-and-abbreviated-titles.zip`,
      alternateUrls: [`${CMS_FILES}/${april ? `april-1-${year}-` : `${year}-`}icd-10-pcs-order-file.zip`],
      entry: ORDER_FILE.entryPatterns,
      companions: ORDER_FILE.companionPatterns,
    })),
  parse: ORDER_FILE.parse,
  publisherCounts: ORDER_FILE.publisherCounts,
};
