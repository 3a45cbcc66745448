import type { ChangeView } from "../changes/change-view.js";
import { csvCell } from "./csv-cell.js";

/** Excel takes a file without a byte-order mark for its locale's code page and garbles accents. */
const UTF8_BOM = "\uFEFF";

const COLUMNS: readonly [header: string, value: (change: ChangeView) => string | boolean | undefined][] = [
  ["detected_at", (c) => c.detectedAt],
  ["effective_date", (c) => c.effectiveDate],
  ["source", (c) => c.sourceId],
  ["system", (c) => c.system],
  ["code", (c) => c.code],
  ["change", (c) => c.changeType],
  ["category", (c) => c.category],
  ["reason", (c) => c.reason],
  ["title", (c) => c.title],
  ["changed_fields", (c) => c.fields.map((f) => f.field).join("; ")],
  ["before", (c) => describe(c.before)],
  ["after", (c) => describe(c.after)],
  ["version", (c) => c.version],
  ["previous_version", (c) => c.previousVersion],
  ["history", (c) => c.history],
  ["paired_code", (c) => c.pairedCode],
  ["evidence_url", (c) => c.evidence.url],
  ["evidence_fetched_at", (c) => c.evidence.fetchedAt],
  ["evidence_sha256", (c) => c.evidence.sha256],
  // A document's own facts: what it is, its comment deadline, its official page.
  ["document_type", (c) => c.document?.type],
  ["document", (c) => c.document?.summary],
  ["comments_close_on", (c) => c.document?.commentsCloseOn],
  ["official_url", (c) => c.document?.officialUrl],
];

/**
 * The change log as a CSV that opens cleanly in Excel: UTF-8 with a BOM, CRLF line ends, ISO
 * dates (sortable, unambiguous in every locale), one change per row with its evidence.
 */
export function changesCsv(changes: readonly ChangeView[]): string {
  const lines = [COLUMNS.map(([header]) => header).join(",")];
  for (const change of changes)
    lines.push(COLUMNS.map(([, value]) => csvCell(cellValue(value(change)))).join(","));
  return `${UTF8_BOM}${lines.join("\r\n")}\r\n`;
}

function cellValue(value: string | boolean | undefined): string | undefined {
  return typeof value === "boolean" ? String(value) : value;
}

function describe(fields: Readonly<Record<string, string>> | undefined): string | undefined {
  if (!fields) return undefined;
  return Object.entries(fields)
    .map(([name, value]) => `${name}: ${value}`)
    .join(" | ");
}
