import { describe, expect, it } from "vitest";
import { ICD10CM, ICD10PCS, parseIcd10OrderFile } from "#shared/codesets/icd10-order-file.js";
import type { CodeSystemRules } from "#shared/core/code-system.js";
import { ParseError } from "#shared/core/parse-error.js";
import type { ReleasePayload } from "#shared/core/release.js";
import { diffOrderFiles } from "#shared/diff/diff-order-files.js";
import { diffSnapshots } from "#shared/diff/diff-snapshots.js";
import { fixture } from "../codesets/release-fixtures.js";

const cm2018 = fixture("codesets/icd10cm_order_2018.txt.gz");
const cm2019 = fixture("codesets/icd10cm_order_2019.txt.gz");
const pcs2017 = fixture("codesets/icd10pcs_order_2017.txt.gz");
const pcs2018 = fixture("codesets/icd10pcs_order_2018.txt.gz");

/** The reference: both files parsed in full and diffed by the one diff. */
function fullDiff(before: ReleasePayload, after: ReleasePayload, rules: CodeSystemRules) {
  return diffSnapshots(
    parseIcd10OrderFile(before, rules, "before"),
    parseIcd10OrderFile(after, rules, "after"),
    rules,
  );
}

function prefiltered(before: ReleasePayload, after: ReleasePayload, rules: CodeSystemRules) {
  return diffOrderFiles({ payload: before, version: "before" }, { payload: after, version: "after" }, rules);
}

/** The file's lines (CRLF as CMS writes them), one replaced by `edit`. */
function withLine(
  payload: ReleasePayload,
  lineNumber: number,
  edit: (line: string) => string,
): ReleasePayload {
  const lines = payload.bytes.toString("latin1").split("\r\n");
  lines[lineNumber - 1] = edit(lines[lineNumber - 1]!);
  return { name: payload.name, bytes: Buffer.from(lines.join("\r\n"), "latin1") };
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a ParseError");
}

describe("order-file diff that skips unchanged lines", () => {
  it("equals the full diff change for change on the real ICD-10-CM FY2018 → FY2019 files", () => {
    const full = fullDiff(cm2018, cm2019, ICD10CM);
    const fast = prefiltered(cm2018, cm2019, ICD10CM);
    expect(fast).toEqual(full);
    expect(fast.summary).toMatchObject({ added: 279, deleted: 51, revised: 143 });
    expect(fast.changes).toHaveLength(full.changes.length);
  });

  it("equals the full diff change for change on the real ICD-10-PCS FY2017 → FY2018 files", () => {
    const full = fullDiff(pcs2017, pcs2018, ICD10PCS);
    expect(prefiltered(pcs2017, pcs2018, ICD10PCS)).toEqual(full);
    expect(full.summary).toMatchObject({ added: 3562, deleted: 646, revised: 1821 });
  });

  it("finds nothing between a release and itself, and still counts every record", () => {
    const diff = prefiltered(cm2019, cm2019, ICD10CM);
    expect(diff.changes).toEqual([]);
    expect(diff.summary.before).toEqual({ records: 94_444, codes: 71_932 });
    expect(diff.summary.after).toEqual(diff.summary.before);
  });

  it("hands lines that differ only in trailing spaces or line breaks to the real diff, which sees no change", () => {
    const padded = withLine(cm2019, 5000, (line) => `${line}   `);
    const lf = {
      name: cm2018.name,
      bytes: Buffer.from(cm2018.bytes.toString("latin1").replaceAll("\r\n", "\n")),
    };
    expect(prefiltered(lf, padded, ICD10CM)).toEqual(fullDiff(lf, padded, ICD10CM));
    expect(prefiltered(cm2019, padded, ICD10CM).changes).toEqual([]);
  });

  it("reports a title edited in an otherwise unchanged region like the full diff does", () => {
    const edited = withLine(cm2019, 40_000, (line) => `${line.slice(0, 77)}Edited long title`);
    const diff = prefiltered(cm2019, edited, ICD10CM);
    expect(diff).toEqual(fullDiff(cm2019, edited, ICD10CM));
    expect(diff.changes).toHaveLength(1);
    expect(diff.changes[0]?.fields).toContainEqual(expect.objectContaining({ after: "Edited long title" }));
  });

  it.each([
    ["a cut line", (line: string) => line.slice(0, 40), /line ends at column 40/],
    ["a letter in the order number", (line: string) => `X${line.slice(1)}`, /order number is not 5 digits/],
    [
      "a tab in a title",
      (line: string) => `${line.slice(0, 90)}\t${line.slice(91)}`,
      /a title contains a tab/,
    ],
    [
      "a valid flag of 2",
      (line: string) => `${line.slice(0, 14)}2${line.slice(15)}`,
      /valid flag is not 0 or 1/,
    ],
  ])(
    "fails on %s in an unchanged region of either file, naming its line like the parser",
    (_, edit, message) => {
      for (const side of ["before", "after"] as const) {
        // Line 60,000 is the same record in both releases: only the prefilter's own checks could see it.
        const bad = withLine(side === "before" ? cm2018 : cm2019, 60_000, edit);
        const [before, after] = side === "before" ? [bad, cm2019] : [cm2018, bad];
        const error = thrown(() => prefiltered(before, after, ICD10CM));
        expect(error).toBeInstanceOf(ParseError);
        expect((error as ParseError).line).toBe(60_000);
        expect((error as ParseError).message).toMatch(message);
        expect((error as ParseError).message).toBe(
          (thrown(() => parseIcd10OrderFile(bad, ICD10CM, "v")) as Error).message,
        );
      }
    },
  );

  it("fails on a code repeated in either file with the parser's message, even when one copy is unchanged", () => {
    const lines = cm2019.bytes.toString("latin1").split("\r\n");
    const repeated = {
      name: cm2019.name,
      bytes: Buffer.from([...lines.slice(0, -1), lines[70_000], ""].join("\r\n"), "latin1"),
    };
    for (const [before, after] of [
      [repeated, cm2019],
      [cm2019, repeated],
    ] as const) {
      const error = thrown(() => prefiltered(before, after, ICD10CM));
      expect(error).toBeInstanceOf(ParseError);
      expect((error as Error).message).toMatch(/appears more than once \(lines 70001, 94445\)/);
    }
  });

  it("equals the full diff on files longer than the 2^19 lines its index numbers exactly", () => {
    // Synthetic 7-character codes, one line each; a deletion every so often sends the later lines
    // to the sorted index, past line 524,288 too.
    const release = (lines: number, edit: (i: number) => string | undefined) => {
      const text: string[] = [];
      for (let i = 0; i < lines; i++) {
        const title = edit(i);
        if (title === undefined) continue;
        const code = `A${i.toString(36).toUpperCase().padStart(6, "0")}`;
        text.push(`${String(i % 100_000).padStart(5, "0")} ${code} 1 ${title.padEnd(60)} ${title}`);
      }
      return {
        name: "icd10pcs_order_generated.txt",
        bytes: Buffer.from(`${text.join("\r\n")}\r\n`, "latin1"),
      };
    };
    const before = release(540_000, (i) => `Title ${i}`);
    const after = release(540_020, (i) =>
      i % 49_999 === 7 ? undefined : i % 77_777 === 3 ? `Changed ${i}` : `Title ${i}`,
    );
    const diff = prefiltered(before, after, ICD10PCS);
    expect(diff).toEqual(fullDiff(before, after, ICD10PCS));
    expect(diff.summary).toMatchObject({ added: 20, deleted: 11, revised: 7 });
  });

  it("fails on an empty file like the parser", () => {
    const empty = { name: "icd10cm_order_2020.txt", bytes: Buffer.alloc(0) };
    expect(() => prefiltered(cm2018, empty, ICD10CM)).toThrow(/empty file/);
  });
});
