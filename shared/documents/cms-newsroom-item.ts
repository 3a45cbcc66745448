import * as cheerio from "cheerio/slim";
import { ParseError } from "../core/parse-error.js";
import { easternToUtc } from "./eastern-time.js";
import type { FeedItem } from "./feed.js";
import { plainText } from "./plain-text.js";

/** A CMS newsroom item with the feed's quirks undone. */
export interface NewsroomItem {
  /** The Drupal node id from the guid (`https://www.cms.gov/2120872` → `2120872`): stable across edits. */
  readonly nodeId: string;
  readonly title: string;
  /** The page on www.cms.gov, rebuilt from the title's anchor. */
  readonly link: string;
  /** UTC, ISO 8601. */
  readonly published: string;
  readonly summary: string;
}

const CMS = "https://www.cms.gov";
// `Fri, 10/18/2024 - 11:17`: Drupal's short date format, in the site's Eastern time.
const CMS_FEED_DATE = /^(?:[A-Za-z]{3},\s*)?(\d{1,2})\/(\d{1,2})\/(\d{4})\s*-\s*(\d{1,2}):(\d{2})$/;

/**
 * Undoes the CMS newsroom feed's quirks: the title is an HTML anchor whose href is the real link
 * (`<link>` is that anchor percent-encoded, useless as a URL), the date is Eastern wall-clock time
 * in Drupal's format, and `dc:creator` may carry the exact time as `<time datetime>`.
 */
export function cmsNewsroomItem(item: FeedItem, source: string, position: number): NewsroomItem {
  const anchor = cheerio.load(item.title)("a").first();
  const title = (anchor.length > 0 ? anchor.text() : plainText(item.title)).replace(/\s+/g, " ").trim();
  const href = anchor.attr("href")?.trim();
  const link = href ? new URL(href, CMS).toString() : usableLink(item.link);
  const nodeId = /(\d+)\/?$/.exec(item.guid)?.[1] ?? "";
  if (!title || !nodeId || !link)
    throw new ParseError(source, `item ${position}: expected a title anchor, a link and a node-id guid`);
  return {
    nodeId,
    title,
    link,
    published: publishedAt(item, source, position),
    summary: plainText(item.description),
  };
}

function publishedAt(item: FeedItem, source: string, position: number): string {
  const exact = /datetime="([^"]+)"/.exec(item.creator)?.[1];
  if (exact && !Number.isNaN(Date.parse(exact))) return new Date(exact).toISOString();
  const drupal = CMS_FEED_DATE.exec(item.pubDate);
  if (drupal) {
    const [, month, day, year, hour, minute] = drupal.map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    return easternToUtc(year, month, day, hour, minute).toISOString();
  }
  // An RFC 822 date carries its own offset, should CMS ever fix the feed.
  if (/[+-]\d{4}$|GMT$|UTC$/.test(item.pubDate) && !Number.isNaN(Date.parse(item.pubDate)))
    return new Date(item.pubDate).toISOString();
  throw new ParseError(source, `item ${position}: unreadable pubDate "${item.pubDate}"`);
}

function usableLink(link: string): string {
  try {
    return /[<>"]/.test(decodeURIComponent(link)) ? "" : new URL(link).toString();
  } catch {
    return "";
  }
}
