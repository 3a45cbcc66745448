import Parser from "rss-parser";
import { ParseError } from "../core/parse-error.js";

/** One item of an RSS or Atom feed, as the feed states it (no publisher quirks undone yet). */
export interface FeedItem {
  /** `guid` (RSS) or `id` (Atom); empty when the feed has none. */
  readonly guid: string;
  readonly title: string;
  readonly link: string;
  /** The date text exactly as published. */
  readonly pubDate: string;
  /** The date as rss-parser read it (ISO), when it could. */
  readonly isoDate: string;
  readonly creator: string;
  /** HTML of the description, summary or content, entities decoded once. */
  readonly description: string;
}

/**
 * Reads an RSS 2.0, RSS 1.0 or Atom feed. Broken XML, or XML that is not a feed (an HTML error
 * page, a sitemap), is a `ParseError`; a well-formed feed with no items reads as no items.
 */
export async function parseFeed(xml: string, source: string): Promise<FeedItem[]> {
  if (xml.trim() === "") throw new ParseError(source, "the feed is empty (no XML at all)");
  // A parser per feed: an xml2js parser that has met broken XML reads the next document wrongly.
  const parser = new Parser({ customFields: { item: [["dc:creator", "creator"]] } });
  let feed: Awaited<ReturnType<typeof parser.parseString>>;
  try {
    feed = await parser.parseString(xml);
  } catch (error) {
    throw new ParseError(source, `not a readable RSS or Atom feed: ${firstLine((error as Error).message)}`);
  }
  return feed.items.map((item) => ({
    guid: text(item.guid ?? (item as { id?: unknown }).id),
    title: text(item.title),
    link: text(item.link),
    pubDate: text(item.pubDate),
    isoDate: text(item.isoDate),
    creator: text(item.creator),
    description: text(item.content ?? item.summary ?? (item as { description?: unknown }).description),
  }));
}

function text(value: unknown): string {
  return typeof value === "string" ? value.trim() : "";
}

function firstLine(message: string): string {
  return message.split("\n").join(" ").replace(/\s+/g, " ").trim();
}
