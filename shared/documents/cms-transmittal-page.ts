import * as cheerio from "cheerio/slim";
import { ParseError } from "../core/parse-error.js";

/** A CMS transmittal as its detail page states it. */
export interface TransmittalPage {
  /** e.g. `R13924CP` (`CP` = Claims Processing manual). */
  readonly number: string;
  readonly subject: string;
  /** ISO dates (YYYY-MM-DD), empty when the page has none. */
  readonly issueDate: string;
  readonly implementationDate: string;
  /** Change request number, e.g. `14557`. */
  readonly crNumber: string;
  /** e.g. `MLN Matters Article MM14557`. */
  readonly providerEducation: string;
  /** Internet-Only Manual publication, e.g. `100-04`. */
  readonly manualPublication: string;
  /** Downloads (the transmittal and MLN Matters PDFs), absolute URLs, with their link text. */
  readonly downloads: readonly { readonly url: string; readonly label: string }[];
}

const SOURCE = "cms-transmittals";

/**
 * Reads a transmittal detail page by its Drupal fields (`field--name-field-dyna-*`), never by the
 * menus, scripts and tokens around them. A page without a transmittal number field is a page
 * whose layout changed (or not a transmittal at all): that fails rather than guessing.
 */
export function parseTransmittalPage(html: string, pageUrl: string): TransmittalPage {
  const $ = cheerio.load(html);
  const field = (name: string) => {
    const item = $(`.field--name-field-dyna-${name} .field__item`).first();
    return item.length === 0 ? undefined : item;
  };
  const read = (name: string) => field(name)?.text().replace(/\s+/g, " ").trim() ?? "";
  const date = (name: string) => {
    const item = field(name);
    if (!item) return "";
    const machine = item.find("time[datetime]").attr("datetime");
    return isoDate(machine ?? item.text(), name);
  };
  const number = read("transmittal-number").toUpperCase();
  if (!number)
    throw new ParseError(SOURCE, `no transmittal number field on ${pageUrl} (has the page layout changed?)`);
  const downloads = $(".field--name-field-downloads a[href]")
    .map((_, anchor) => ({
      url: new URL($(anchor).attr("href") ?? "", pageUrl).toString(),
      label: $(anchor).text().replace(/\s+/g, " ").trim(),
    }))
    .get();
  return {
    number,
    subject: read("subject-formatted") || read("subject"),
    issueDate: date("issue-date"),
    implementationDate: date("implementation-date"),
    crNumber: read("cr-number"),
    providerEducation: read("pe-number"),
    manualPublication: read("publication-number"),
    downloads,
  };
}

function isoDate(value: string, field: string): string {
  const text = value.trim();
  const iso = /^(\d{4}-\d{2}-\d{2})/.exec(text)?.[1];
  if (iso) return iso;
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (us) return `${us[3]}-${us[1]!.padStart(2, "0")}-${us[2]!.padStart(2, "0")}`;
  if (text === "" || /^n\/?a$/i.test(text)) return "";
  throw new ParseError(SOURCE, `${field}: unreadable date "${text}"`);
}
