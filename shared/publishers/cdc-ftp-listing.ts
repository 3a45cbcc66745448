import { type Icd10ReleaseLink, icd10ReleasesOf } from "./icd10-release-links.js";
import { linkPath, type PageLink, readPageLinks, type SkippedLink } from "./page-links.js";

/** A folder of CDC/NCHS's ICD10CM listing that holds a fiscal year's files. */
export interface CdcYearFolder {
  readonly fiscalYear: number;
  /** `{FY}-Update/` and `April-1-{FY}-Update/` hold the April 1 update. */
  readonly april: boolean;
  readonly url: string;
}

/**
 * CDC/NCHS serves `ftp.cdc.gov/pub/Health_Statistics/NCHS/Publications/ICD10CM/` over https as
 * IIS directory listings: a `<pre>` of `date time <dir>|size <A HREF=…>name</A>` lines. The
 * listing is read by its links, one by one, like any page.
 */
export function readCdcListing(
  html: string,
  listingUrl: string,
): { links: PageLink[]; skipped: SkippedLink[] } {
  const { links, skipped } = readPageLinks(html, listingUrl);
  const parent = new URL("..", listingUrl).toString();
  return {
    links: links.filter((link) => link.href !== parent && !/parent directory/i.test(link.text)),
    skipped,
  };
}

/** The fiscal-year folders of the ICD10CM root listing: `2026/`, `2025-Update/`, `April-1-2023-Update/`. */
export function cdcYearFolders(links: readonly PageLink[]): CdcYearFolder[] {
  const folders: CdcYearFolder[] = [];
  for (const link of links) {
    const name = linkPath(link.href).replace(/\/$/, "").split("/").pop() ?? "";
    const year =
      /^(\d{4})$/.exec(name) ??
      /^(\d{4})[-_ ]Update$/i.exec(name) ??
      /^April[-_ ]1[-_ ](\d{4})[-_ ]Update$/i.exec(name);
    if (!year || !linkPath(link.href).endsWith("/")) continue;
    folders.push({ fiscalYear: Number(year[1]), april: /update/i.test(name), url: link.href });
  }
  return folders;
}

/**
 * The ICD-10-CM code-description zips of one year folder. Names change every year
 * (`Code Descriptions zip.zip`, `icd10-Order-CodeFiles2023.zip`, `icd10cm-Codes-Descriptions-April-2024.zip`,
 * `Code-desciptions-April-2025.zip`); an `-Update/` folder's files are the April 1 update.
 */
export function cdcReleasesOf(folder: CdcYearFolder, links: readonly PageLink[]): Icd10ReleaseLink[] {
  const asPage = links.map((link) => ({
    href: link.href,
    // The folder says which issue its files are; the link text (the file name) keeps its own re-issue marks.
    text: folder.april && !/april/i.test(link.text) ? `${link.text} (April 1 update)` : link.text,
  }));
  return icd10ReleasesOf("icd10cm", asPage, { fiscalYear: folder.fiscalYear });
}
