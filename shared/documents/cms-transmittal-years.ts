import * as cheerio from "cheerio/slim";
import { ParseError } from "../core/parse-error.js";

const YEAR_LISTING = /\/(\d{4})-transmittals\/?$/;

/**
 * The year listings linked from CMS's transmittals page (`…/transmittals/2026-transmittals`),
 * newest first. CMS opens a year's page only when its first transmittal is issued, so the newest
 * year is read from the page rather than from the calendar.
 */
export function transmittalYearListings(html: string, pageUrl: string): { year: number; url: string }[] {
  const $ = cheerio.load(html);
  const byYear = new Map<number, string>();
  $("a[href]").each((_, element) => {
    const href = $(element).attr("href") ?? "";
    const url = new URL(href, pageUrl);
    const year = YEAR_LISTING.exec(url.pathname)?.[1];
    if (year && !byYear.has(Number(year))) byYear.set(Number(year), `${url.origin}${url.pathname}`);
  });
  if (byYear.size === 0)
    throw new ParseError("cms-transmittals", `no links to year listings (…/YYYY-transmittals) on ${pageUrl}`);
  return [...byYear].sort(([a], [b]) => b - a).map(([year, url]) => ({ year, url }));
}
