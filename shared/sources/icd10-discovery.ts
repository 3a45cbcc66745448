import type { ReleaseCandidate, ReleaseFile } from "../core/release.js";
import { cdcReleasesOf, cdcYearFolders, readCdcListing } from "../publishers/cdc-ftp-listing.js";
import {
  type Icd10ReleaseLink,
  type Icd10System,
  icd10ReleasesOf,
  yearPagesOf,
} from "../publishers/icd10-release-links.js";
import { readPageLinks } from "../publishers/page-links.js";
import { type Discovery, DiscoveryLog, isUnreachable, reasonOf } from "./publisher-discovery.js";
import type { FetchDocument } from "./source.js";

/** CMS's ICD-10 page: it links a page per fiscal year and system, which links the files. */
export const CMS_ICD10_PAGE = "https://www.cms.gov/medicare/coding-billing/icd-10-codes";
/** CDC/NCHS's listing of ICD-10-CM: a second, independent publisher of the same CM files. */
export const CDC_ICD10CM_LISTING = "https://ftp.cdc.gov/pub/Health_Statistics/NCHS/Publications/ICD10CM/";
/**
 * Year pages read per run: the newest two fiscal years cover the year in force and the next one
 * (posted in summer), with every issue of each (October, January re-issue, April update, errata).
 */
const FISCAL_YEARS_READ = 2;

/** Which zip entries a discovered release is read from. */
export interface OrderFileEntries {
  readonly entry: readonly RegExp[];
  readonly companions: readonly RegExp[];
}

/**
 * ICD-10-CM or PCS releases as the publishers list them, never an address built from a pattern:
 * CMS's ICD-10 page → its newest year pages → their order-file zips. For ICD-10-CM, when CMS
 * cannot be read (a bot wall, an outage), CDC's FTP listings are read instead and the discovery
 * says so.
 */
export async function discoverIcd10Releases(
  system: Icd10System,
  fetch: FetchDocument,
  entries: OrderFileEntries,
): Promise<Discovery> {
  const log = new DiscoveryLog();
  let landing: Awaited<ReturnType<DiscoveryLog["read"]>>;
  try {
    landing = await log.read(fetch, CMS_ICD10_PAGE, readPageLinks);
  } catch (error) {
    if (system !== "icd10cm" || !isUnreachable(error)) throw error;
    const releases = await cdcReleases(fetch, log);
    return log.result(candidates(releases, entries), {
      from: CMS_ICD10_PAGE,
      to: CDC_ICD10CM_LISTING,
      reason: reasonOf(error),
    });
  }
  const found: Icd10ReleaseLink[] = icd10ReleasesOf(system, landing);
  const years = yearPagesOf(landing)
    .filter((page) => page.system === system)
    .sort((a, b) => b.fiscalYear - a.fiscalYear)
    .slice(0, FISCAL_YEARS_READ);
  for (const page of years) {
    const links = await log.readIfAvailable(fetch, page.url, readPageLinks);
    found.push(...icd10ReleasesOf(system, links, page));
  }
  return log.result(candidates(found, entries));
}

async function cdcReleases(fetch: FetchDocument, log: DiscoveryLog): Promise<Icd10ReleaseLink[]> {
  const root = await log.read(fetch, CDC_ICD10CM_LISTING, readCdcListing);
  const folders = cdcYearFolders(root);
  const newest = [...new Set(folders.map((folder) => folder.fiscalYear))]
    .sort((a, b) => b - a)
    .slice(0, FISCAL_YEARS_READ);
  const found: Icd10ReleaseLink[] = [];
  for (const folder of folders.filter((candidate) => newest.includes(candidate.fiscalYear))) {
    const links = await log.readIfAvailable(fetch, folder.url, readCdcListing);
    found.push(...cdcReleasesOf(folder, links));
  }
  return found;
}

function candidates(links: readonly Icd10ReleaseLink[], entries: OrderFileEntries): ReleaseCandidate[] {
  return links.map((link) => {
    const file: ReleaseFile = { url: link.url, entry: entries.entry, companions: entries.companions };
    return { version: link.version, effectiveDate: link.effectiveDate, files: [file] };
  });
}
