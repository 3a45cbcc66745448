import { linkPath, type PageLink, publishedFileName } from "./page-links.js";
import { monthNumber, reissueIn } from "./publisher-dates.js";
import { quarterRelease } from "./release-names.js";

/** A quarterly HCPCS file found on CMS's quarterly-update page. */
export interface HcpcsReleaseLink {
  readonly version: string;
  readonly effectiveDate: string;
  readonly url: string;
  readonly text: string;
}

const QUARTER_MONTHS = /\b(january|april|july|october|jan|apr|jul|oct)\b/i;

/**
 * The alpha-numeric HCPCS files among the quarterly-update page's links
 * (`january-2026-alpha-numeric-hcpcs-file.zip`, `…-files.zip`, `-updated` re-issues, and the older
 * annual `2017-Alpha-Numeric-HCPCS-File.zip`, which is January's): the quarter from the month in
 * the name or the text (none: the annual January file), a re-issue from its `updated` date.
 */
export function hcpcsReleasesOf(links: readonly PageLink[]): HcpcsReleaseLink[] {
  const found = new Map<string, HcpcsReleaseLink>();
  for (const link of links) {
    const path = linkPath(link.href);
    const file = publishedFileName(path);
    if (!/\.zip$/i.test(path) || !/alpha[-_\s]?numeric/i.test(`${file} ${link.text}`)) continue;
    if (/record[-_\s]?layout|transaction|correction/i.test(`${file} ${link.text}`)) continue;
    const before = file.replace(/(updated|errata|revised)[-_\s].*$/i, "");
    const year =
      /(?:^|[^0-9])(20\d\d)(?:[^0-9]|$)/.exec(before)?.[1] ??
      /(?:^|[^0-9])(20\d\d)(?:[^0-9]|$)/.exec(link.text)?.[1];
    if (!year) continue;
    const month =
      QUARTER_MONTHS.exec(before)?.[1] ?? QUARTER_MONTHS.exec(link.text.replace(/updated.*$/i, ""))?.[1];
    const quarter = (month ? Math.floor((monthNumber(month)! - 1) / 3) + 1 : 1) as 1 | 2 | 3 | 4;
    const reissue = reissueIn(file) ?? reissueIn(link.text);
    const { version, effectiveDate } = quarterRelease({
      year: Number(year),
      quarter,
      ...(reissue ? { reissue } : {}),
    });
    found.set(link.href, { version, effectiveDate, url: link.href, text: link.text || file });
  }
  return [...found.values()];
}
