import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { ZipError } from "#shared/archive/zip-error.js";
import { HCPCS, parseHcpcsFile } from "#shared/codesets/hcpcs-file.js";
import { ANWEB_COLUMNS } from "#shared/codesets/hcpcs-record-layout.js";
import { ParseError } from "#shared/core/parse-error.js";
import { fieldsOf, keyOf } from "#shared/core/snapshot.js";
import { zipOf } from "../../fixtures/zip-of.js";
import { fixture, payload } from "./release-fixtures.js";

const realCsv = fixture("hcpcs/HCPC2026_OCT_ANWEB.excerpt.csv");
const october2026 = await parseHcpcsFile(realCsv, "2026-Q4");
const record = (code: string) => {
  const line = october2026.lines.find((candidate) => keyOf(candidate) === code);
  if (!line) throw new Error(`${code} not parsed`);
  return Object.fromEntries(HCPCS.fields.map((name, i) => [name, fieldsOf(line)[i]]));
};
const csvRows = () => parse(realCsv.bytes.toString("latin1")) as string[][];

describe("HCPCS Level II ANWEB file", () => {
  it("keys a record by its trimmed code and names its fields (real modifier AM)", () => {
    expect(record("AM")).toMatchObject({
      longDescription: "Physician, team member service",
      shortDescription: "Physician, team member svc",
      mcmReferences: "4105.7",
      crossReferences: "QM",
      coverage: "D",
      procedureNote: "0069",
      addDate: "19910101",
      actionEffectiveDate: "19970101",
      terminationDate: "",
      actionCode: "N",
    });
  });

  it("reads a terminated code's termination date (real JG)", () => {
    expect(record("JG")).toMatchObject({ terminationDate: "20241231", actionEffectiveDate: "20250101" });
  });

  it("joins continuation rows (RECID 4/8) into the long description", async () => {
    const rows = csvRows();
    const header = rows[0]!;
    const ab = rows.find((row) => row[0]!.trim() === "AB")!;
    const long = ab[3]!;
    const first = [...ab];
    first[3] = long.slice(0, 80);
    const continuation = header.map((_, i) =>
      i < 3 ? ["   AB", "0020", "8"][i]! : i === 3 ? long.slice(80) : "",
    );
    const text = [header, first, continuation].map((row) => row.map((v) => `"${v}"`).join(",")).join("\r\n");
    const snapshot = await parseHcpcsFile(payload("x.csv", text), "v");
    expect(fieldsOf(snapshot.lines[0]!)[0]).toBe(`${long.slice(0, 80).trim()} ${long.slice(80).trim()}`);
  });

  it("reads the fixed-width TXT layout, long descriptions wrapped over continuation records, to the same snapshot as the CSV", async () => {
    const [, ...rows] = csvRows();
    const record = (values: readonly string[]) => {
      let line = "".padEnd(320);
      ANWEB_COLUMNS.forEach((column, i) => {
        const width = column.to - column.from + 1;
        const value = (i === 0 ? (values[i] ?? "").trim() : (values[i] ?? "")).padEnd(width).slice(0, width);
        line = line.slice(0, column.from - 1) + value + line.slice(column.to);
      });
      return line;
    };
    const txt = rows.flatMap((row) => {
      const [first = "", ...rest] = wrapped(row[3]!, 80);
      const continuation = rest.map((part, i) =>
        record([row[0]!, String(20 + i * 10).padStart(4, "0"), row[2] === "7" ? "8" : "4", part]),
      );
      return [record(row.map((value, i) => (i === 3 ? first : value))), ...continuation];
    });
    expect(txt.length).toBeGreaterThan(rows.length);
    expect(
      (await parseHcpcsFile(payload("HCPC2026_OCT_ANWEB.txt", txt.join("\r\n")), "2026-Q4")).lines,
    ).toEqual(october2026.lines);
  });

  it("reads an XLSX workbook (shared strings) to the same snapshot as the CSV", async () => {
    const snapshot = await parseHcpcsFile(
      { name: "HCPC2026_OCT_ANWEB.xlsx", bytes: await workbookOf(csvRows()) },
      "2026-Q4",
    );
    expect(snapshot.lines).toEqual(october2026.lines);
  });

  it("refuses an XLSX zip bomb with the archive's error, inflating no more than its limits allow", async () => {
    // A worksheet of 64 MiB that deflates to about 64 KiB: far past the archive's 200:1 ratio.
    const padding = " ".repeat(64 * 1024 * 1024);
    const bomb = await zipOf({
      "[Content_Types].xml": '<?xml version="1.0"?><Types/>',
      "xl/workbook.xml": '<?xml version="1.0"?><workbook/>',
      "xl/worksheets/sheet1.xml": `<?xml version="1.0"?><worksheet><sheetData>${padding}</sheetData></worksheet>`,
    });
    const refused = parseHcpcsFile({ name: "HCPC2026_OCT_ANWEB.xlsx", bytes: bomb }, "2026-Q4");
    await expect(refused).rejects.toBeInstanceOf(ZipError);
    await expect(refused).rejects.toMatchObject({
      reason: "suspicious-ratio",
      entry: "xl/worksheets/sheet1.xml",
      message: expect.stringMatching(/^hcpcs file HCPC2026_OCT_ANWEB\.xlsx: .*zip bomb/),
    });
  });

  it("names a workbook without a worksheet as not readable", async () => {
    const empty = await zipOf({ "[Content_Types].xml": '<?xml version="1.0"?><Types/>' });
    await expect(parseHcpcsFile({ name: "x.xlsx", bytes: empty }, "v")).rejects.toThrow(
      /not a readable XLSX workbook: the workbook has no worksheet/,
    );
  });

  it("rejects an unknown header", async () => {
    const text = realCsv.bytes.toString("latin1").replace("SHORT DESCRIPTION", "SHORT DESC");
    await expect(parseHcpcsFile(payload("x.csv", text), "v")).rejects.toThrow(/line 1: unknown header/);
  });

  it.each([
    ["an empty file", "", /empty file/],
    [
      "an HTML page",
      "<html><body>Not Found</body></html>",
      /line 1: no ANWEB record in the file; expected an ANWEB record/,
    ],
  ])("rejects %s with a ParseError", async (_, text, message) => {
    await expect(parseHcpcsFile(payload("x.txt", text), "v")).rejects.toThrow(ParseError);
    await expect(parseHcpcsFile(payload("x.txt", text), "v")).rejects.toThrow(message);
  });

  it("rejects a truncated fixed-width record", async () => {
    const line = `A0021${"00100"}3Ambulance service, outside state per mile, transport`;
    await expect(parseHcpcsFile(payload("x.txt", line), "v")).rejects.toThrow(
      /line 1: expected an ANWEB record/,
    );
  });
});

/** The rows as an XLSX workbook: text in shared strings, whole numbers as numbers, as Excel saves them. */
function workbookOf(rows: readonly string[][]): Promise<Buffer> {
  const strings: string[] = [];
  const xmlEscaped = (s: string) =>
    s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
  const sheetRows = rows.map((row, r) => {
    const cells = row.map((value, c) => {
      if (value === "") return "";
      const ref = `${column(c)}${r + 1}`;
      if (/^\d+$/.test(value) && !value.startsWith("0")) return `<c r="${ref}"><v>${value}</v></c>`;
      strings.push(value);
      return `<c r="${ref}" t="s"><v>${strings.length - 1}</v></c>`;
    });
    return `<row r="${r + 1}">${cells.join("")}</row>`;
  });
  return zipOf({
    "[Content_Types].xml": '<?xml version="1.0"?><Types/>',
    "xl/workbook.xml": '<?xml version="1.0"?><workbook/>',
    "xl/sharedStrings.xml": `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${strings.map((s) => `<si><t xml:space="preserve">${xmlEscaped(s)}</t></si>`).join("")}</sst>`,
    "xl/worksheets/sheet1.xml": `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetRows.join("")}</sheetData></worksheet>`,
  });
}

function column(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Word-wraps a long description the way the TXT splits it over 80-column records. */
function wrapped(text: string, width: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > width) {
    const cut = rest.lastIndexOf(" ", width);
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut + 1);
  }
  return [...parts, rest];
}
