import { describe, expect, it } from "vitest";
import { ICD10CM, ICD10PCS, parseIcd10OrderFile } from "#shared/codesets/icd10-order-file.js";
import { ParseError } from "#shared/core/parse-error.js";
import { fixture, payload } from "./release-fixtures.js";

const april2026 = () =>
  parseIcd10OrderFile(fixture("icd10cm/icd10cm_order_2026.excerpt.txt"), ICD10CM, "FY2026-April");

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

  it("rejects a code that appears twice", () => {
    const real = fixture("icd10cm/icd10cm_order_2026.excerpt.txt").bytes.toString("latin1");
    const first = real.split("\r\n")[1]!;
    expect(() => parseIcd10OrderFile(payload("x.txt", `${real}${first}\r\n`), ICD10CM, "v")).toThrow(
      /code A000 appears more than once/,
    );
  });
});
