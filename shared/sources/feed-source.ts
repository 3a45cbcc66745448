import { ParseError } from "../core/parse-error.js";
import { documentRules } from "../documents/document-rules.js";
import { documentSnapshot } from "../documents/document-snapshot.js";
import type { FeedItem } from "../documents/feed.js";
import { tagDocument } from "../tagging/document-tags.js";
import type { DocumentSource, SourceCadence } from "./source.js";

/** A feed item as a document: what goes into its snapshot line. */
export interface FeedDocument {
  /** Stable across edits of the item (a guid, a node id). */
  readonly key: string;
  readonly title: string;
  readonly link: string;
  /** UTC, ISO 8601; empty when the feed gives no date. */
  readonly published: string;
  readonly summary: string;
}

export interface FeedSourceSpec {
  readonly id: string;
  readonly title: string;
  readonly url: string;
  readonly cadence: SourceCadence;
  /**
   * Publisher quirks to undo, loaded when the feed is first read: item readers bring an HTML
   * parser that everything reading the catalog (the CLI, the API) would otherwise load at start.
   * The default reads a well-behaved RSS or Atom item.
   */
  readonly itemReader?: () => Promise<ReadFeedItem>;
}

export type ReadFeedItem = (item: FeedItem, source: string, position: number) => FeedDocument;

const FEED_FIELDS = ["title", "published", "link", "summary", "topics", "codes"];

/**
 * A news feed as a document source: each item a document keyed by its guid. A feed lists recent
 * items only, so items that scroll out of it are kept, not deleted.
 */
export function feedSource(spec: FeedSourceSpec): DocumentSource {
  const rules = documentRules(spec.id, spec.title, FEED_FIELDS, {
    listedOnField: "published",
    // News takes no effect on a date of its own: only its publication date is known.
    facts: (values) => ({
      documentType: "News",
      effectiveDate: "",
      dateLabel: "",
      commentsCloseOn: "",
      officialUrl: values.link ?? "",
    }),
  });
  const itemReader = spec.itemReader ?? wellBehavedItemReader;
  return {
    id: spec.id,
    kind: "documents",
    title: spec.title,
    rules,
    cadence: spec.cadence,
    coverage: "window",
    async gather({ now, fetch }) {
      const [{ parseFeed }, readItem] = await Promise.all([import("../documents/feed.js"), itemReader()]);
      const response = await fetch({ url: spec.url, expect: "text" });
      const items = await parseFeed(response.bytes.toString("utf8"), spec.id);
      const documents = items.map((item, index) => {
        const document = readItem(item, spec.id, index + 1);
        const tags = tagDocument([document.title, document.summary]);
        return {
          key: document.key,
          values: { ...document, topics: tags.topics, codes: tags.codes },
        };
      });
      return { snapshot: documentSnapshot(rules, now, documents), responses: [response] };
    },
  };
}

async function wellBehavedItemReader(): Promise<ReadFeedItem> {
  const { plainText } = await import("../documents/plain-text.js");
  return (item, source, position) => {
    const key = item.guid || item.link;
    if (!key) throw new ParseError(source, `item ${position} has neither a guid nor a link`);
    const published =
      item.isoDate && !Number.isNaN(Date.parse(item.isoDate)) ? new Date(item.isoDate).toISOString() : "";
    return {
      key,
      title: plainText(item.title),
      link: item.link,
      published,
      summary: plainText(item.description),
    };
  };
}
