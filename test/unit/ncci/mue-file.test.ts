import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { diffSnapshots } from "#shared/diff/diff-snapshots.js";
import { parseMueFile } from "#shared/ncci/mue-file.js";
import { NCCI_MUE } from "#shared/ncci/mue-rules.js";

const NAME = "MCR_MUE_PractitionerServices_Eff_07-01-2026.excerpt.csv";
const REAL = readFileSync(fileURLToPath(new URL(`../../fixtures/ncci/${NAME}`, import.meta.url)));
const real = parseMueFile({ name: NAME, bytes: REAL }, "practitioner", "2026-Q3", "2026-07-01");

describe("NCCI MUE table (real practitioner excerpt, effective 2026-07-01)", () => {
  it("reads past the multi-line quoted notice and wrapped header to one line per code", () => {
    expect(real.lines).toHaveLength(44);
    expect(real.lines[0]).toBe("0001U\t1\t2 Date of Service Edit: Policy\tCode Descriptor / CPT Instruction");
    expect(real.lines.some((line) => /American Medical Association|HCPCS/.test(line))).toBe(false);
  });

  it("refuses a file whose name says another effective date", () => {
    expect(() => parseMueFile({ name: NAME, bytes: REAL }, "practitioner", "2026-Q2", "2026-04-01")).toThrow(
      /effective 2026-07-01/,
    );
  });

  it("refuses the practitioner file offered as the DME table", () => {
    expect(() => parseMueFile({ name: NAME, bytes: REAL }, "dme", "2026-Q3")).toThrow(
      /DME Supplier Services/,
    );
  });

  it("refuses a row whose value is not a number, naming its line", () => {
    const broken = Buffer.from(REAL.toString("latin1").replace("0002M,1,", "0002M,one,"), "latin1");
    expect(() => parseMueFile({ name: NAME, bytes: broken }, "practitioner", "2026-Q3")).toThrow(
      /line 11: MUE value/,
    );
  });
});

describe("NCCI MUE changes", () => {
  const withLine = (key: string, fields: string[] | undefined) => ({
    ...real,
    lines: real.lines.flatMap((line) =>
      line.startsWith(`${key}\t`) ? (fields ? [[key, ...fields].join("\t")] : []) : [line],
    ),
  });

  it("reports a value change, an MAI change, and a code added or removed", () => {
    const earlier = withLine("0002M", ["2", "3 Date of Service Edit: Clinical", "Nature of Analyte"]);
    const earlier2 = withLine("0003M", ["1", "1 Line Edit", "Nature of Analyte"]);
    const diff = (before: typeof real, after: typeof real) => diffSnapshots(before, after, NCCI_MUE).changes;
    expect(diff(earlier, real)).toMatchObject([
      { key: "0002M", changeType: "revised", reason: "mue-value-changed" },
    ]);
    expect(diff(earlier2, real)).toMatchObject([
      { key: "0003M", changeType: "revised", reason: "mai-changed" },
    ]);
    expect(diff(withLine("0004M", undefined), real)).toMatchObject([{ key: "0004M", changeType: "added" }]);
    expect(diff(real, withLine("0004M", undefined))).toMatchObject([{ key: "0004M", changeType: "deleted" }]);
  });
});
