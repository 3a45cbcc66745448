import { describe, expect, it } from "vitest";
import { ICD10CM, ICD10PCS, parseIcd10OrderFile } from "#shared/codesets/icd10-order-file.js";
import { ParseError } from "#shared/core/parse-error.js";
import { fixture, payload } from "./release-fixtures.js";

const april2026 = () =>
  parseIcd10OrderFile(fixture("icd10cm/icd10cm_order_2026.excerpt.txt"), ICD10CM, "FY2026-April");

/** The excerpt's text (CRLF as CMS writes it) with its line `lineNumber` replaced by `edit`. */
function excerptWith(lineNumber: number, edit: (line: string) => string): string {
  const lines = fixture("icd10cm/icd10cm_order_2026.excerpt.txt").bytes.toString("latin1").split("\r\n");
  lines[lineNumber - 1] = edit(lines[lineNumber - 1]!);
  return lines.join("\r\n");
}

describe("ICD-10 order file", () => {
  it("reads a header line and a valid code from the real April 2026 CM file", () => {
    const snapshot = april2026();
    expect(snapshot.fields).toEqual(["valid", "shortTitle", "longTitle"]);
    expect(snapshot.lines).toContain("A00\t0\tCholera\tCholera");
    expect(snapshot.lines).toContain(
      "A000\t1\tCholera due to Vibrio cholerae 01, biovar cholerae\tCholera due to Vibrio cholerae 01, biovar cholerae",
    );
  });

  it("keeps the abbreviated short title and the full long title apart (real PCS line)", () => {
    const snapshot = parseIcd10OrderFile(
      fixture("codesets/icd10pcs_order_2017.excerpt.txt"),
      ICD10PCS,
      "FY2017",
    );
    expect(snapshot.lines).toContain(
      "0016070\t1\tBypass Cereb Vent to Nasophar with Autol Sub, Open Approach\tBypass Cerebral Ventricle to Nasopharynx with Autologous Tissue Substitute, Open Approach",
    );
  });

  it("sorts lines by code in code-unit order, whatever order the file lists them in", () => {
    const file = fixture("codesets/icd10cm_order_2019.excerpt.txt");
    const inFileOrder = file.bytes
      .toString("latin1")
      .split("\r\n")
      .filter((line) => line !== "");
    // The same real lines, listed backwards: the parser, not the file, must put them in code order.
    const backwards = payload(file.name, `${inFileOrder.toReversed().join("\r\n")}\r\n`);

    const { lines } = parseIcd10OrderFile(backwards, ICD10CM, "FY2019");

    expect(lines).toHaveLength(251);
    expect(lines.every((line, i) => i === 0 || lines[i - 1]! < line)).toBe(true);
    expect(lines).toEqual(parseIcd10OrderFile(file, ICD10CM, "FY2019").lines);
  });

  it("accepts LF line ends as well as CMS's CRLF", () => {
    const crlf = fixture("icd10cm/icd10cm_order_2026.excerpt.txt");
    const lf = {
      ...crlf,
      bytes: Buffer.from(crlf.bytes.toString("latin1").replaceAll("\r\n", "\n"), "latin1"),
    };
    expect(parseIcd10OrderFile(lf, ICD10CM, "v").lines).toEqual(april2026().lines);
  });

  it.each([
    ["an empty file", "", /empty file/],
    ["a CSV", "code,valid,short,long\r\nA000,1,Cholera,Cholera\r\n", /line 1: .*expected an order-file line/],
    ["an HTML error page", "<!DOCTYPE html>\n<html><body>Access Denied</body></html>\n", /line 1:/],
  ])("rejects %s with a ParseError", (_, text, message) => {
    expect(() => parseIcd10OrderFile(payload("icd10cm_order_2026.txt", text), ICD10CM, "v")).toThrow(
      ParseError,
    );
    expect(() => parseIcd10OrderFile(payload("icd10cm_order_2026.txt", text), ICD10CM, "v")).toThrow(message);
  });

  it("rejects a truncated last line and names its line number", () => {
    const real = fixture("icd10cm/icd10cm_order_2026.excerpt.txt").bytes.toString("latin1");
    const cut = real.slice(0, real.lastIndexOf("\r\n", real.length - 3) + 2 + 40);
    const lineCount = cut.split("\r\n").length;
    expect(() => parseIcd10OrderFile(payload("x.txt", cut), ICD10CM, "v")).toThrow(
      new RegExp(`line ${lineCount}: line ends at column 40, before the long title`),
    );
  });

  it.each([
    ["a cut line", (line: string) => line.slice(0, 40), /line ends at column 40/],
    ["a letter in the order number", (line: string) => `X${line.slice(1)}`, /order number is not 5 digits/],
    [
      "a tab in a title",
      (line: string) => `${line.slice(0, 80)}\t${line.slice(81)}`,
      /a title contains a tab/,
    ],
    [
      "a valid flag of 2",
      (line: string) => `${line.slice(0, 14)}2${line.slice(15)}`,
      /valid flag is not 0 or 1/,
    ],
    [
      "a code in column 6",
      (line: string) => `${line.slice(0, 5)}A${line.slice(6)}`,
      /columns 6, 14, 16 and 77/,
    ],
    ["a blank long title", (line: string) => `${line.slice(0, 77)}   `, /a title is blank/],
  ])("rejects %s anywhere in the file, naming its line", (_, edit, message) => {
    const text = excerptWith(57, edit);
    let error: unknown;
    try {
      parseIcd10OrderFile(payload("icd10cm_order_2026.txt", text), ICD10CM, "v");
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).line).toBe(57);
    expect((error as ParseError).message).toMatch(message);
  });

  it("decodes titles the way CMS wrote them: UTF-8 when the file is UTF-8, else Latin-1", () => {
    const retitled = (line: string) => `${line.slice(0, 77)}Sjögren syndrome`;
    const utf8 = Buffer.from(excerptWith(3, retitled), "utf8");
    const latin1 = Buffer.from(excerptWith(3, retitled), "latin1");
    for (const bytes of [utf8, latin1]) {
      const snapshot = parseIcd10OrderFile({ name: "icd10cm_order_2026.txt", bytes }, ICD10CM, "v");
      expect(snapshot.lines).toContain(
        "A001\t1\tCholera due to Vibrio cholerae 01, biovar eltor\tSjögren syndrome",
      );
      // The line a diff builds for this one record reads the same as the one in `lines`.
      const records = snapshot.inPlace!;
      expect(records.line(2)).toBe(snapshot.lines[2]);
    }
  });

  it("rejects a code that appears twice", () => {
    const real = fixture("icd10cm/icd10cm_order_2026.excerpt.txt").bytes.toString("latin1");
    const first = real.split("\r\n")[1]!;
    expect(() => parseIcd10OrderFile(payload("x.txt", `${real}${first}\r\n`), ICD10CM, "v")).toThrow(
      /code A000 appears more than once/,
    );
  });

  it("names both lines of a code repeated far apart in a full real release", () => {
    const lines = fixture("codesets/icd10cm_order_2019.txt.gz").bytes.toString("latin1").split("\r\n");
    const repeated = [...lines.slice(0, -1), lines[70_000], ""].join("\r\n");
    expect(() => parseIcd10OrderFile(payload("icd10cm_order_2019.txt", repeated), ICD10CM, "v")).toThrow(
      /appears more than once \(lines 70001, 94445\)/,
    );
  });
});
