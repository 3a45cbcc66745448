import { ICD10CM } from "../codesets/icd10-order-file.js";
import type { ReleaseCandidate } from "../core/release.js";
import { orderFileRelease } from "./icd10-order-release.js";
import type { CodeSetSource } from "./source.js";

const CMS_FILES = "https://www.cms.gov/files/zip";
const ORDER_FILE = orderFileRelease("icd10cm", ICD10CM);

/**
 * ICD-10-CM, from CMS's "code descriptions in tabular order" package. A fiscal year's release
 * takes effect October 1 of the year before; since FY2024 an April 1 update may follow.
 */
export const icd10cm: CodeSetSource = {
  id: "icd10cm",
  kind: "codeset",
  title: "ICD-10-CM code descriptions (CMS)",
  rules: ICD10CM,
  cadence: { schedule: "cron(30 11 * * ? *)", silentAfterHours: 72 },
  entryPatterns: ORDER_FILE.entryPatterns,
  companionPatterns: ORDER_FILE.companionPatterns,
  candidates: (now) =>
    fiscalYearReleases(now, (year, april) => ({
      url: `${CMS_FILES}/${april ? `april-1-${year}-` : `${year}-`}code-descriptions-tabular-order.zip`,
      entry: ORDER_FILE.entryPatterns,
      companions: ORDER_FILE.companionPatterns,
    })),
  parse: ORDER_FILE.parse,
  publisherCounts: ORDER_FILE.publisherCounts,
};

/** Fiscal-year releases around `now`, newest first: FY(y) in October of y-1, its April update in April of y. */
export function fiscalYearReleases(
  now: Date,
  fileOf: (fiscalYear: number, april: boolean) => ReleaseCandidate["files"][number],
): ReleaseCandidate[] {
  const year = now.getUTCFullYear();
  const releases: ReleaseCandidate[] = [];
  for (let fy = year + 1; fy >= year - 1; fy--) {
    releases.push({ version: `FY${fy}-April`, effectiveDate: `${fy}-04-01`, files: [fileOf(fy, true)] });
    releases.push({ version: `FY${fy}`, effectiveDate: `${fy - 1}-10-01`, files: [fileOf(fy, false)] });
  }
  return releases;
}

export function onlyPayload<T>(payloads: readonly T[], sourceId: string): T {
  const [first, ...rest] = payloads;
  if (!first || rest.length > 0) {
    throw new Error(`${sourceId}: expected exactly one release file, got ${payloads.length}`);
  }
  return first;
}
