import type { CodeSystemRules } from "../../core/code-system.js";
import type { CodeChange, SnapshotDiff } from "../../core/snapshot-diff.js";
import { type CsvColumn, spreadsheetCsv } from "../../csv/spreadsheet-csv.js";

/** One changed field of one change: a diff's CSV row. */
interface DiffRow {
  readonly change: CodeChange;
  readonly field: string;
  readonly before: string;
  readonly after: string;
}

/**
 * A diff's own columns (it is two releases compared, not the change log, which has detection
 * times and evidence): the key as CMS files carry it, then what changed in it.
 */
const COLUMNS: readonly CsvColumn<DiffRow>[] = [
  { header: "key", value: (row) => row.change.key },
  { header: "changeType", value: (row) => row.change.changeType },
  { header: "category", value: (row) => row.change.category },
  { header: "reason", value: (row) => row.change.reason },
  { header: "field", value: (row) => row.field },
  { header: "before", value: (row) => row.before },
  { header: "after", value: (row) => row.after },
];

/**
 * One row per field that changed; an added or deleted record is one row whose before/after holds
 * its title (field `title`), so a spreadsheet filter on changeType shows every change once.
 */
export function diffAsCsv(diff: SnapshotDiff, rules: CodeSystemRules): string {
  const title = (record: Readonly<Record<string, string>> | undefined) =>
    record ? rules.titleOf(rules.fields.map((name) => record[name] ?? "")) : "";
  const rows: DiffRow[] = [];
  for (const change of diff.changes) {
    if (change.fields.length > 0) {
      for (const field of change.fields) rows.push({ change, ...field });
    } else {
      rows.push({ change, field: "title", before: title(change.before), after: title(change.after) });
    }
  }
  return spreadsheetCsv(COLUMNS, rows);
}
