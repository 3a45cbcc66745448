import type { CsvColumn } from "../csv/spreadsheet-csv.js";
import { spreadsheetCsv } from "../csv/spreadsheet-csv.js";
import { type ChangeRecord, pairedCodeOf } from "./change-record.js";
import { documentSummary } from "./document-summary.js";

/**
 * The change log's columns, one list for every export: the API and web page's download and
 * `codecurrent changes --format csv` write the same header and the same cells for the same
 * changes, so a file from any of them reads the same in an audit. Storage internals (archive
 * keys, run ids) stay out; the evidence an auditor asks for (URL, fetched-at, sha256) stays in.
 */
const COLUMNS: readonly CsvColumn<ChangeRecord>[] = [
  { header: "detected_at", value: (c) => c.detectedAt },
  { header: "effective_date", value: (c) => c.effectiveDate },
  { header: "source", value: (c) => c.sourceId },
  { header: "system", value: (c) => c.system },
  // The key as stored and as CMS's files carry it (undotted: E119), which is what joins to those
  // files, and beside it the code as coders write it (E11.9, an NCCI pair as "0001U + 0002U"), from
  // the code system's rules when the change was recorded.
  { header: "code", value: (c) => c.key },
  { header: "display_code", value: (c) => c.displayCode ?? c.key },
  { header: "change", value: (c) => c.changeType },
  { header: "category", value: (c) => c.category },
  { header: "reason", value: (c) => c.reason },
  { header: "title", value: (c) => c.title },
  { header: "changed_fields", value: (c) => c.fields.map((f) => f.field).join("; ") },
  { header: "before", value: (c) => described(c.before) },
  { header: "after", value: (c) => described(c.after) },
  { header: "version", value: (c) => c.version },
  { header: "previous_version", value: (c) => c.previousVersion },
  { header: "history", value: (c) => String(c.history) },
  { header: "paired_code", value: pairedCodeOf },
  { header: "evidence_url", value: (c) => c.evidence.url },
  { header: "evidence_fetched_at", value: (c) => c.evidence.fetchedAt },
  { header: "evidence_sha256", value: (c) => c.evidence.sha256 },
  // A document's own facts: what it is, its comment deadline, its official page.
  { header: "document_type", value: (c) => c.document?.type },
  { header: "document", value: (c) => c.document && documentSummary(c.document, c.effectiveDate) },
  { header: "comments_close_on", value: (c) => c.document?.commentsCloseOn },
  { header: "official_url", value: (c) => c.document?.officialUrl },
];

/** The change log as CSV, one change per row, in the order given. */
export function changeLogCsv(changes: readonly ChangeRecord[]): string {
  return spreadsheetCsv(COLUMNS, changes);
}

function described(fields: Readonly<Record<string, string>> | undefined): string | undefined {
  if (!fields) return undefined;
  return Object.entries(fields)
    .map(([name, value]) => `${name}: ${value}`)
    .join(" | ");
}
