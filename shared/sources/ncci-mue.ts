import type { ReleaseCandidate } from "../core/release.js";
import { type MueTable, parseMueFile } from "../ncci/mue-file.js";
import { NCCI_MUE } from "../ncci/mue-rules.js";
import { onlyPayload } from "./icd10cm.js";
import { ncciPageReaders, skippedLinkWarning } from "./ncci-ptp.js";
import type { CodeSetSource, DiscoveryContext } from "./source.js";

/** CMS's Medicare NCCI MUE page: the practitioner, outpatient hospital and DME tables of the quarter. */
export const MUE_PAGE =
  "https://www.cms.gov/medicare/coding-billing/national-correct-coding-initiative-ncci-edits/medicare-ncci-medically-unlikely-edits-mues";

interface MueTableSource {
  readonly id: string;
  readonly table: MueTable;
  /** How the table's link text starts on the MUE page. */
  readonly link: RegExp;
  readonly entry: readonly RegExp[];
  readonly schedule: string;
}

/**
 * One MUE table. The three tables share the `ncci-mue` system, so a code's history holds its
 * practitioner, hospital and DME changes, each under its own source. The tables are small
 * (tens of thousands of codes) and parse in memory.
 */
function mueSource(spec: MueTableSource): CodeSetSource {
  return {
    id: spec.id,
    kind: "codeset",
    title: `Medicare NCCI MUE table, ${spec.table} (CMS)`,
    rules: NCCI_MUE,
    cadence: { schedule: spec.schedule, silentAfterHours: 72 },
    // Each quarter's file is out at least two weeks before the quarter begins.
    expectedRelease: { every: "quarter", daysBefore: 14 },
    entryPatterns: spec.entry,
    candidates: (_now, context) => (context ? mueReleases(spec, context) : []),
    parse: (payloads, release) =>
      parseMueFile(onlyPayload(payloads, spec.id), spec.table, release.version, release.effectiveDate),
  };
}

export const ncciMuePractitioner = mueSource({
  id: "ncci-mue-practitioner",
  table: "practitioner",
  link: /^Practitioner/i,
  entry: [/MUE_Practitioner[^/]*\.csv$/i, /\.csv$/i],
  schedule: "cron(0 13 * * ? *)",
});
export const ncciMueHospital = mueSource({
  id: "ncci-mue-hospital",
  table: "hospital",
  link: /^(Facility )?Outpatient Hospital/i,
  entry: [/MUE_(Facility|Outpatient)[^/]*\.csv$/i, /\.csv$/i],
  schedule: "cron(10 13 * * ? *)",
});
export const ncciMueDme = mueSource({
  id: "ncci-mue-dme",
  table: "dme",
  link: /^DME/i,
  entry: [/MUE_DME[^/]*\.csv$/i, /\.csv$/i],
  schedule: "cron(20 13 * * ? *)",
});

async function mueReleases(spec: MueTableSource, context: DiscoveryContext): Promise<ReleaseCandidate[]> {
  const fetch = context.fetchText;
  const { parseNcciLinks, acceptedFileUrl } = await ncciPageReaders();
  const page = await fetch({ url: MUE_PAGE, expect: "html" });
  const links = parseNcciLinks(page.bytes.toString("utf8"), MUE_PAGE, skippedLinkWarning(MUE_PAGE, context))
    .filter((link) => spec.link.test(link.table) && link.effectiveDate)
    .sort((a, b) => b.effectiveDate!.localeCompare(a.effectiveDate!));
  const newest = links[0];
  if (!newest) return [];
  const effectiveDate = newest.effectiveDate!;
  return [
    {
      version: quarterOf(effectiveDate),
      effectiveDate,
      files: [{ url: await acceptedFileUrl(newest.href, fetch), entry: spec.entry }],
    },
  ];
}

/** `2026-07-01` → `2026-Q3`. */
function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}
