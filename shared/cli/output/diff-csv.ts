import { stringify } from "csv-stringify/sync";
import type { CodeSystemRules } from "../../core/code-system.js";
import type { SnapshotDiff } from "../../core/snapshot-diff.js";

export const CSV_COLUMNS = ["key", "changeType", "category", "reason", "field", "before", "after"] as const;

/**
 * One row per field that changed; an added or deleted record is one row whose before/after holds
 * its title (field `title`), so a spreadsheet filter on changeType shows every change once.
 */
export function diffAsCsv(diff: SnapshotDiff, rules: CodeSystemRules): string {
  const rows: string[][] = [];
  for (const change of diff.changes) {
    const base = [change.key, change.changeType, change.category, change.reason ?? ""];
    if (change.fields.length > 0) {
      for (const field of change.fields) rows.push([...base, field.field, field.before, field.after]);
    } else {
      const title = (record: Readonly<Record<string, string>> | undefined) =>
        record ? rules.titleOf(rules.fields.map((name) => record[name] ?? "")) : "";
      rows.push([...base, "title", title(change.before), title(change.after)]);
    }
  }
  // RFC 4180: CRLF record ends, quotes only where a value needs them.
  return stringify(rows, { header: true, columns: [...CSV_COLUMNS], record_delimiter: "windows" });
}
