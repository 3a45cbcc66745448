import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { type CsvColumn, spreadsheetCsv } from "#shared/csv/spreadsheet-csv.js";

const columns: CsvColumn<string>[] = [
  { header: "cell", value: (value) => value },
  { header: "length", value: (value) => String(value.length) },
];
const rowOf = (csv: string, index = 1) => csv.slice(1).split("\r\n")[index]!;

describe("spreadsheet CSV", () => {
  it.each(['=HYPERLINK("http://x")', "+1", "-ACE inhibitor", "@SUM(A1)", "\tcmd", "\rcmd"])(
    "neutralises a cell that would start a formula: %j",
    (value) => {
      const csv = spreadsheetCsv(columns, [value]);
      const [row] = parse(csv, { bom: true, columns: true }) as { cell: string }[];
      expect(row!.cell).toBe(`'${value}`);
    },
  );

  it("quotes a cell holding a semicolon, for spreadsheets in semicolon locales", () => {
    expect(rowOf(spreadsheetCsv(columns, ["valid; shortTitle"]))).toBe('"valid; shortTitle",17');
  });

  it("quotes commas, quotes and line breaks per RFC 4180 and leaves plain text alone", () => {
    const csv = spreadsheetCsv(columns, ["E119", "a, b", 'say "hi"', "two\nlines"]);
    expect(csv.slice(1).split("\r\n").slice(1, 4)).toEqual(["E119,4", '"a, b",4', '"say ""hi""",8']);
    expect(parse(csv, { bom: true, columns: true })).toContainEqual({ cell: "two\nlines", length: "9" });
  });

  it("starts with a UTF-8 byte-order mark and ends every record with CRLF, so Excel reads it as UTF-8", () => {
    const csv = spreadsheetCsv(columns, ["Sjögren"]);
    expect(csv).toBe("\uFEFFcell,length\r\nSjögren,7\r\n");
  });

  it("writes an absent value as an empty cell and a header even with no rows", () => {
    const optional: CsvColumn<string>[] = [{ header: "reason", value: () => undefined }, ...columns];
    expect(spreadsheetCsv(optional, ["x"])).toBe("\uFEFFreason,cell,length\r\n,x,1\r\n");
    expect(spreadsheetCsv(columns, [])).toBe("\uFEFFcell,length\r\n");
  });
});
