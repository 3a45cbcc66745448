import { stringify } from "csv-stringify/sync";

/** One column of an export: its header and how one row fills it (absent = an empty cell). */
export interface CsvColumn<Row> {
  readonly header: string;
  readonly value: (row: Row) => string | undefined;
}

/**
 * Rows as a CSV file that a coder opens in Excel, LibreOffice or Sheets, and the only way
 * codecurrent writes one (API and web exports, `codecurrent changes` and `codecurrent diff`):
 *
 * - UTF-8 with a byte-order mark: without it Excel reads the file in its locale's code page and
 *   garbles accented titles.
 * - CRLF record ends, quotes only where RFC 4180 needs them.
 * - Formula cells neutralised (OWASP's advice against CSV injection): a cell starting with `=`,
 *   `+`, `-`, `@`, a tab or a CR gets a leading apostrophe, so a CMS title such as "-ACE
 *   inhibitor…" or a crafted "=HYPERLINK(…)" shows as text instead of running.
 * - A cell holding `;` is quoted: in semicolon locales (German, French Excel) `;` is the separator,
 *   and an unquoted one would split the cell.
 */
export function spreadsheetCsv<Row>(columns: readonly CsvColumn<Row>[], rows: readonly Row[]): string {
  return stringify(
    rows.map((row) => columns.map((column) => column.value(row) ?? "")),
    {
      header: true,
      columns: columns.map((column) => column.header),
      bom: true,
      record_delimiter: "windows",
      quote_record_delimiter: true,
      escape_formulas: true,
      quoted_match: /;/,
    },
  );
}
