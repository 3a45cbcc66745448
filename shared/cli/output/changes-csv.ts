import { stringify } from "csv-stringify/sync";
import type { ChangeRecord } from "../../changes/change-record.js";

const COLUMNS = [
  "detected_at",
  "source",
  "system",
  "code",
  "change",
  "category",
  "reason",
  "title",
  "changed_fields",
  "version",
  "previous_version",
  "effective_date",
  "evidence_url",
  "evidence_sha256",
  "evidence_archive_key",
] as const;

/** The change log as CSV, one change per row, with the evidence an auditor asks for. */
export function changesCsv(changes: readonly ChangeRecord[]): string {
  return stringify(
    changes.map((c) => [
      c.detectedAt,
      c.sourceId,
      c.system,
      c.key,
      c.changeType,
      c.category,
      c.reason ?? "",
      c.title,
      c.fields.map((f) => `${f.field}: ${f.before} -> ${f.after}`).join(" | "),
      c.version,
      c.previousVersion,
      c.effectiveDate,
      c.evidence.url,
      c.evidence.sha256,
      c.evidence.archiveKey,
    ]),
    { header: true, columns: [...COLUMNS] },
  );
}
