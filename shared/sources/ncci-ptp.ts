import type { ReleaseCandidate } from "../core/release.js";
import { latin1Lines } from "../ncci/latin1-lines.js";
import type { NcciLink, SkippedLink } from "../ncci/ncci-page.js";
import { announcedRecordsOf, type NcciPartFile } from "../ncci/ncci-part.js";
import { parsePtpEdits, readPtpEdits } from "../ncci/ptp-file.js";
import { NCCI_PTP } from "../ncci/ptp-rules.js";
import type { DiscoveryContext, FetchDocument, StreamedCodeSetSource } from "./source.js";

/** CMS's Medicare NCCI PTP page: every quarter's practitioner and hospital files, in parts. */
export const PTP_PAGE =
  "https://www.cms.gov/medicare/coding-billing/national-correct-coding-initiative-ncci-edits/medicare-ncci-procedure-procedure-ptp-edits";
const PTP_ENTRY = [/\.txt$/i];

/** One table of PTP edits as a CMS page publishes it. */
export interface NcciPtpTable {
  readonly id: string;
  readonly title: string;
  /** The CMS page that links the table's files. */
  readonly page: string;
  /** How the page's link text names the table, e.g. `Practitioner PTP Edits`. */
  readonly table: string;
  readonly schedule: string;
}

/**
 * The NCCI PTP edits of one setting. Each quarter's table is published in parts (four zips for
 * practitioners, each of ~675,000 edits); the page's link text announces each part's version and
 * record count, which is how a new version or revision is found and a cut-off part is caught.
 */
export function ncciPtpSource({ id, title, page, table, schedule }: NcciPtpTable): StreamedCodeSetSource {
  return {
    id,
    kind: "streamed-codeset",
    title,
    rules: NCCI_PTP,
    cadence: { schedule, silentAfterHours: 72 },
    // Each quarter's file is out at least two weeks before the quarter begins.
    expectedRelease: { every: "quarter", daysBefore: 14 },
    entryPatterns: PTP_ENTRY,
    // Without a way to read the page (replays of recorded releases) there is nothing to discover.
    candidates: (_now, context) => (context ? ptpReleases(page, table, context) : []),
    parse: (payloads, release) => ({
      system: NCCI_PTP.system,
      version: release.version,
      fields: NCCI_PTP.fields,
      lines: parsePtpEdits(
        id,
        payloads.map((payload, i) => ({
          name: payload.name,
          lines: payload.bytes.toString("latin1").split("\n"),
          announcedRecords: announcedRecordsOf(release.files[i]),
        })),
      ),
    }),
    readLines: (parts, release, observer) =>
      readPtpEdits(
        id,
        (async function* () {
          let index = 0;
          for await (const part of parts) {
            yield {
              name: part.name,
              lines: latin1Lines(part.bytes),
              announcedRecords: announcedRecordsOf(release.files[index++] ?? part.file),
            };
          }
        })(),
        observer ? (index, key) => observer.partStarts(index, key) : undefined,
      ),
  };
}

export const ncciPtpPractitioner = ncciPtpSource({
  id: "ncci-ptp-practitioner",
  title: "Medicare NCCI Practitioner PTP Edits (CMS)",
  page: PTP_PAGE,
  table: "Practitioner PTP Edits",
  schedule: "cron(20 12 * * ? *)",
});
export const ncciPtpHospital = ncciPtpSource({
  id: "ncci-ptp-hospital",
  title: "Medicare NCCI Hospital PTP Edits (CMS)",
  page: PTP_PAGE,
  table: "Hospital PTP Edits",
  schedule: "cron(40 12 * * ? *)",
});

/**
 * The newest version of `table` on the page (a revision such as v322r1 supersedes v322r0), each
 * part's address being where the AMA licence page's Accept leads.
 */
async function ptpReleases(
  pageUrl: string,
  table: string,
  context: DiscoveryContext,
): Promise<ReleaseCandidate[]> {
  const fetch = context.fetchText;
  // The HTML parser is loaded when a page is read, not with the catalog (see `ncciPageReaders`).
  const { parseNcciLinks, acceptedFileUrl } = await ncciPageReaders();
  const page = await fetch({ url: pageUrl, expect: "html" });
  const links = parseNcciLinks(
    page.bytes.toString("utf8"),
    pageUrl,
    skippedLinkWarning(pageUrl, context),
  ).filter((link) => link.table.toLowerCase() === table.toLowerCase() && link.version);
  const newest = links
    .map((link) => link.version!)
    .sort(byVersion)
    .at(-1);
  if (newest === undefined) return [];
  const parts = links.filter((link) => link.version === newest).sort((a, b) => a.part - b.part);
  const effectiveDate = parts.find((link) => link.effectiveDate)?.effectiveDate;
  if (!effectiveDate) throw new Error(`${table} ${newest}: no quarter in the links' file names`);
  return [
    {
      version: newest,
      effectiveDate,
      files: await Promise.all(parts.map((link) => partFile(link, fetch, acceptedFileUrl))),
    },
  ];
}

async function partFile(
  link: NcciLink,
  fetch: FetchDocument,
  acceptedFileUrl: (link: string, fetch: FetchDocument) => Promise<string>,
): Promise<NcciPartFile> {
  return {
    url: await acceptedFileUrl(link.href, fetch),
    entry: PTP_ENTRY,
    ...(link.records === undefined ? {} : { announcedRecords: link.records }),
    ...(link.codeRange ? { codeRange: link.codeRange } : {}),
  };
}

/** `v322r0` < `v322r1` < `v323r0`. */
function byVersion(a: string, b: string): number {
  const [, av = 0, ar = 0] = /v(\d+)r(\d+)/.exec(a)?.map(Number) ?? [];
  const [, bv = 0, br = 0] = /v(\d+)r(\d+)/.exec(b)?.map(Number) ?? [];
  return av - bv || ar - br;
}

/** A link the page parser skipped, said to the run (logged, kept on its record). */
export function skippedLinkWarning(pageUrl: string, context: DiscoveryContext) {
  return (link: SkippedLink) =>
    context.warn?.(`${pageUrl}: skipped the link "${link.text}" (${link.href}): ${link.why}`);
}

/**
 * The NCCI page and AMA licence page readers, loaded on first use: they bring an HTML parser that
 * everything reading the catalog (the CLI's `diff`, the API) would otherwise load at start.
 */
export async function ncciPageReaders() {
  const [{ parseNcciLinks }, { acceptedFileUrl }] = await Promise.all([
    import("../ncci/ncci-page.js"),
    import("../ncci/ama-license.js"),
  ]);
  return { parseNcciLinks, acceptedFileUrl };
}
