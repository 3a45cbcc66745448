import { load } from "cheerio/slim";
import { ParseError } from "../core/parse-error.js";
import { dateIn } from "../publishers/publisher-dates.js";

/** One download link of an NCCI page, as its text and address announce it. */
export interface NcciLink {
  /** Absolute URL of the link (on CMS: the AMA licence page that leads to the file). */
  readonly href: string;
  readonly text: string;
  /** e.g. `Practitioner PTP Edits`, `Practitioner Services MUE Table`. */
  readonly table: string;
  /** `v322r0`: quarter version and revision (PTP links). */
  readonly version?: string;
  /** Records the link text announces, e.g. 675,037. */
  readonly records?: number;
  /** Code range, e.g. `0001A/0591T -- 25441/G0471`. */
  readonly codeRange?: string;
  /** Part number from the file name (`-f1`), 1 when the table is one file. */
  readonly part: number;
  /** ISO date the release takes effect, from the file name (`2026q3` or `Eff_07-01-2026`) or the text. */
  readonly effectiveDate?: string;
}

const PTP_TEXT = /^(.+? PTP Edits)\s+(v\d+r\d+)\s*\(([\d,]+)\s+Records\)\s*(.*)$/i;
const MUE_TEXT = /^(.*?(?:Practitioner|Hospital|DME)[^-–]*?MUE Table)/i;

/** A table link that could not be read, and why: skipped, so the page's other links still count. */
export interface SkippedLink {
  readonly text: string;
  readonly href: string;
  readonly why: string;
}

/**
 * The download links of a CMS NCCI page (PTP or MUE). Only anchors whose text names a PTP or MUE
 * table count; menus and other links are ignored. Each link is read on its own: one malformed
 * address (`href="http://"`) is handed to `skipped` and the rest of the page still counts, since
 * every NCCI source reads the same page. Pure: the page's HTML in, links out.
 */
export function parseNcciLinks(
  html: string,
  pageUrl: string,
  skipped: (link: SkippedLink) => void = () => {},
): NcciLink[] {
  const $ = load(html);
  const links: NcciLink[] = [];
  $("a[href]").each((_, anchor) => {
    const text = $(anchor).text().replace(/\s+/g, " ").trim();
    if (!PTP_TEXT.test(text) && !MUE_TEXT.test(text)) return;
    const raw = $(anchor).attr("href")!;
    const href = linkAddress(raw, pageUrl);
    if (typeof href !== "string") {
      skipped({ text, href: raw, why: href.why });
      return;
    }
    const ptp = PTP_TEXT.exec(text);
    if (ptp) {
      links.push({
        href,
        text,
        table: ptp[1]!,
        version: ptp[2]!.toLowerCase(),
        records: Number(ptp[3]!.replace(/,/g, "")),
        codeRange: ptp[4]!.trim(),
        part: partOf(href),
        ...dated(href, text),
      });
      return;
    }
    const mue = MUE_TEXT.exec(text);
    if (mue) links.push({ href, text, table: mue[1]!.trim(), part: partOf(href), ...dated(href, text) });
  });
  if (links.length === 0) {
    throw new ParseError("NCCI page", `no PTP or MUE download links on ${pageUrl}: has the page changed?`);
  }
  return links;
}

/** The link's absolute https address, or why it has none a collector could request. */
function linkAddress(raw: string, pageUrl: string): string | { why: string } {
  let url: URL;
  try {
    url = new URL(raw, pageUrl);
  } catch {
    return { why: "not a valid address" };
  }
  if (url.protocol !== "https:" && url.protocol !== new URL(pageUrl).protocol)
    return { why: `a ${url.protocol} address on an ${new URL(pageUrl).protocol} page` };
  if (!url.hostname) return { why: "no host" };
  try {
    decodeURIComponent(url.href);
  } catch {
    return { why: "a malformed percent-encoding" };
  }
  return url.toString();
}

function partOf(href: string): number {
  const match = /-f(\d+)(?:\.zip)?(?:$|[?&#])/i.exec(decodeURIComponent(href));
  return match ? Number(match[1]) : 1;
}

/** CMS names NCCI files by quarter (`2026q3`) or effective date (`Eff_07-01-2026`); link text may spell the date out. */
function dated(href: string, text: string): { effectiveDate?: string } {
  const path = decodeURIComponent(href);
  const quarter = /(\d{4})[-_]?q([1-4])/i.exec(path);
  if (quarter)
    return { effectiveDate: `${quarter[1]}-${String((Number(quarter[2]) - 1) * 3 + 1).padStart(2, "0")}-01` };
  // CMS writes the date in the file name (`…_Eff_07-01-2026.zip`) or spells it in the link text.
  const date = dateIn(`${path} ${text}`);
  if (date) return { effectiveDate: date };
  return {};
}
