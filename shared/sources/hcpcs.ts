import { actionCodeCounts } from "../codesets/hcpcs-action-codes.js";
import { HCPCS, parseHcpcsRelease } from "../codesets/hcpcs-file.js";
import { discoverHcpcsReleases } from "./hcpcs-discovery.js";
import { discoveredCandidates } from "./publisher-discovery.js";
import type { CodeSetSource } from "./source.js";

// Fixed-width TXT first (CMS's record layout is defined on it), then XLSX, CSV, and an old .xls
// last (refused with a sentence, but named so a zip holding only that says so).
const ANWEB_FILE = [/ANWEB[^/]*\.txt$/i, /ANWEB[^/]*\.xlsx$/i, /ANWEB[^/]*\.csv$/i, /ANWEB[^/]*\.xls$/i];

/**
 * HCPCS Level II, from the alpha-numeric files CMS's quarterly-update page links (`…-file.zip`,
 * `…-files.zip`, `-updated` re-issues). The zip carries the same ANWEB data as TXT and XLSX
 * (sometimes CSV or .xls); whichever reads first is the release. The file's own ACTION CD column is
 * CMS's count of the update, checked against the diff.
 */
export const hcpcs: CodeSetSource = {
  id: "hcpcs",
  kind: "codeset",
  title: "HCPCS Level II quarterly file (CMS)",
  rules: HCPCS,
  cadence: { schedule: "cron(50 11 * * ? *)", silentAfterHours: 72 },
  // Each quarter's file is out at least two weeks before the quarter begins.
  expectedRelease: { every: "quarter", daysBefore: 14 },
  // A record carries pricing, coverage and BETOS fields besides its descriptors: a January update
  // revises far more of them than an ICD-10 year revises titles.
  maxRevisedShare: 0.25,
  entryPatterns: ANWEB_FILE,
  companionPatterns: ANWEB_FILE,
  discover: (_now, context) => discoverHcpcsReleases(context.fetchText, ANWEB_FILE),
  candidates: (now, context) => discoveredCandidates((found) => hcpcs.discover!(now, found), context),
  parse: (payloads, release) => parseHcpcsRelease(payloads, release.version),
  publisherCounts: (_payloads, snapshot) => actionCodeCounts(snapshot),
};
