import type { ReleaseCandidate } from "../core/release.js";
import { hcpcsReleasesOf } from "../publishers/hcpcs-quarter-links.js";
import { readPageLinks } from "../publishers/page-links.js";
import { type Discovery, DiscoveryLog } from "./publisher-discovery.js";
import type { FetchDocument } from "./source.js";

/** CMS's HCPCS quarterly-update page: each quarter's alpha-numeric file, and its re-issues. */
export const HCPCS_QUARTERLY_PAGE =
  "https://www.cms.gov/medicare/coding-billing/healthcare-common-procedure-system/quarterly-update";

/** HCPCS releases as CMS's quarterly-update page links them, each zip read for its ANWEB members. */
export async function discoverHcpcsReleases(
  fetch: FetchDocument,
  anweb: readonly RegExp[],
): Promise<Discovery> {
  const log = new DiscoveryLog();
  const links = await log.read(fetch, HCPCS_QUARTERLY_PAGE, readPageLinks);
  const releases: ReleaseCandidate[] = hcpcsReleasesOf(links).map((link) => ({
    version: link.version,
    effectiveDate: link.effectiveDate,
    files: [{ url: link.url, entry: anweb, companions: anweb }],
  }));
  return log.result(releases);
}
