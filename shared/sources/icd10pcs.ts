import { ICD10PCS, parseIcd10OrderFile } from "../codesets/icd10-order-file.js";
import { fiscalYearReleases, onlyPayload } from "./icd10cm.js";
import type { CodeSetSource } from "./source.js";

const CMS_FILES = "https://www.cms.gov/files/zip";
const ORDER_FILE = [/(^|\/)icd10pcs[-_]order[-_][^/]*\.txt$/i];

/** ICD-10-PCS, from CMS's order file with long and abbreviated titles; same calendar as ICD-10-CM. */
export const icd10pcs: CodeSetSource = {
  id: "icd10pcs",
  kind: "codeset",
  title: "ICD-10-PCS order file (CMS)",
  rules: ICD10PCS,
  cadence: { schedule: "cron(40 11 * * ? *)", silentAfterHours: 72 },
  entryPatterns: ORDER_FILE,
  candidates: (now) =>
    fiscalYearReleases(now, (year, april) => ({
      url: `${CMS_FILES}/${april ? `april-1-${year}-` : `${year}-`}icd-10-pcs-order-file-long-and-abbreviated-titles.zip`,
      alternateUrls: [`${CMS_FILES}/${april ? `april-1-${year}-` : `${year}-`}icd-10-pcs-order-file.zip`],
      entry: ORDER_FILE,
    })),
  parse: (payloads, release) =>
    parseIcd10OrderFile(onlyPayload(payloads, "icd10pcs"), ICD10PCS, release.version),
};
