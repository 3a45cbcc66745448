import { ICD10CM } from "../codesets/icd10-order-file.js";
import { discoverIcd10Releases } from "./icd10-discovery.js";
import { orderFileRelease } from "./icd10-order-release.js";
import { discoveredCandidates } from "./publisher-discovery.js";
import type { CodeSetSource } from "./source.js";

const ORDER_FILE = orderFileRelease("icd10cm", ICD10CM);
const ENTRIES = { entry: ORDER_FILE.entryPatterns, companions: ORDER_FILE.companionPatterns };

/**
 * ICD-10-CM, from CMS's "code descriptions in tabular order" zips, found on CMS's ICD-10 page and
 * its year pages (CDC/NCHS's FTP listings when CMS cannot be read). Every issue is its own
 * release: October (FY2026 takes effect 2025-10-01), a January re-issue, the April 1 update,
 * errata; each is diffed against the issue before it.
 */
export const icd10cm: CodeSetSource = {
  id: "icd10cm",
  kind: "codeset",
  title: "ICD-10-CM code descriptions (CMS)",
  rules: ICD10CM,
  cadence: { schedule: "cron(30 11 * * ? *)", silentAfterHours: 72 },
  // CMS publishes the October 1 files by mid-June to early August.
  expectedRelease: { every: "year", effective: "10-01", publishedBy: "08-10" },
  entryPatterns: ORDER_FILE.entryPatterns,
  companionPatterns: ORDER_FILE.companionPatterns,
  discover: (_now, context) => discoverIcd10Releases("icd10cm", context.fetchText, ENTRIES),
  candidates: (now, context) => discoveredCandidates((found) => icd10cm.discover!(now, found), context),
  parse: ORDER_FILE.parse,
  publisherCounts: ORDER_FILE.publisherCounts,
};

/** Exactly one payload, for sources whose release is one file with nothing beside it. */
export function onlyPayload<T>(payloads: readonly T[], sourceId: string): T {
  const [first, ...rest] = payloads;
  if (!first || rest.length > 0) {
    throw new Error(`${sourceId}: expected exactly one release file, got ${payloads.length}`);
  }
  return first;
}
