import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ICD10CM, parseIcd10OrderFile } from "#shared/codesets/icd10-order-file.js";
import { decodeSnapshot, encodeSnapshot } from "#shared/codesets/snapshot-file.js";
import { ParseError } from "#shared/core/parse-error.js";
import { fixture } from "./release-fixtures.js";

const fy2019 = () =>
  parseIcd10OrderFile(fixture("codesets/icd10cm_order_2019.excerpt.txt"), ICD10CM, "FY2019");

describe("stored snapshot file", () => {
  it("round-trips real ICD-10-CM lines, titles and valid flags included", () => {
    const snapshot = fy2019();
    expect(snapshot.lines).toHaveLength(251);
    const decoded = decodeSnapshot(encodeSnapshot(snapshot));
    expect(decoded).toEqual({ ...snapshot, fields: [...snapshot.fields], lines: [...snapshot.lines] });
  });

  it("rejects a cut-off object", () => {
    const bytes = encodeSnapshot(fy2019());
    expect(() => decodeSnapshot(bytes.subarray(0, bytes.length - 100))).toThrow(ParseError);
  });

  it("rejects a complete gzip that holds fewer records than its metadata promises", () => {
    const text = gzipSync(
      `${JSON.stringify({ format: "codecurrent-snapshot/1", system: "icd10cm", version: "v", fields: [], records: 3 })}\nA00\t0\ta\tb\n`,
    );
    expect(() => decodeSnapshot(text)).toThrow(/promises 3 records, the file holds 1/);
  });

  it("rejects a file that is not a snapshot", () => {
    expect(() => decodeSnapshot(gzipSync("code,valid\nA00,0\n"))).toThrow(
      /not codecurrent-snapshot\/1 metadata/,
    );
  });
});
