import * as cheerio from "cheerio/slim";
import { ParseError } from "../core/parse-error.js";

/** A row of a year listing: enough to know whether the transmittal is new and where its page is. */
export interface ListedTransmittal {
  /** e.g. `R13924CP`. */
  readonly number: string;
  readonly url: string;
  /** From the row's "Issue Date" column, when the listing has one. */
  readonly issueDate?: string;
  readonly subject?: string;
}

const DETAIL_PAGE = /\/\d{4}-transmittals\/([a-z0-9-]+)\/?$/i;
const TRANSMITTAL_NUMBER = /^R\d+[A-Z]{0,4}$/i;

/**
 * Reads a transmittals year listing. Assumed shape (no verbatim copy was available): a table whose
 * rows link each transmittal's detail page (`…/2026-transmittals/r13924cp`), with header cells such
 * as "Transmittal #", "Issue Date" and "Subject". Only the links are required; the columns are read
 * by their header text when present. No detail link at all means the layout changed: that fails
 * the run rather than reporting every transmittal as gone.
 */
export function parseTransmittalListing(html: string, pageUrl: string): ListedTransmittal[] {
  const $ = cheerio.load(html);
  const listed = new Map<string, ListedTransmittal>();
  $("a[href]").each((_, element) => {
    const anchor = $(element);
    const url = new URL(anchor.attr("href") ?? "", pageUrl);
    const slug = DETAIL_PAGE.exec(url.pathname)?.[1];
    if (!slug || url.host !== new URL(pageUrl).host) return;
    const text = squeeze(anchor.text());
    const number = (TRANSMITTAL_NUMBER.test(text) ? text : slug).toUpperCase();
    if (!TRANSMITTAL_NUMBER.test(number) || listed.has(number)) return;
    // The row's cells by their column header (lower case), when the link sits in a table.
    const row = anchor.closest("tr");
    const headers = row
      .closest("table")
      .find("thead th")
      .map((_, th) => squeeze($(th).text()).toLowerCase())
      .get();
    const cells: Record<string, string> = {};
    row.children("td").each((index, td) => {
      const header = headers[index];
      if (header) cells[header] = squeeze($(td).text());
    });
    listed.set(number, {
      number,
      url: `${url.origin}${url.pathname}`,
      ...(cells["issue date"] ? { issueDate: cells["issue date"] } : {}),
      ...(cells.subject ? { subject: cells.subject } : {}),
    });
  });
  if (listed.size === 0)
    throw new ParseError(
      "cms-transmittals",
      `no transmittal detail links on ${pageUrl} (has the listing layout changed?)`,
    );
  return [...listed.values()];
}

function squeeze(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
