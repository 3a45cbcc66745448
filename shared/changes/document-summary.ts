import type { ChangedDocument } from "./change-record.js";

/**
 * A changed document in one line, the way the page, the CSV and the digest show it:
 * `Final rule · effective 2026-10-01 · comments until 2026-09-10`. Dates the document does not
 * give are left out, never filled in.
 */
export function documentSummary(document: ChangedDocument, effectiveDate: string): string {
  return [
    document.type,
    effectiveDate ? `${document.dateLabel || "dated"} ${effectiveDate}` : "",
    document.commentsCloseOn ? `comments until ${document.commentsCloseOn}` : "",
  ]
    .filter(Boolean)
    .join(" · ");
}
