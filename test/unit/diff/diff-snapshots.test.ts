import { describe, expect, it } from "vitest";
import { HCPCS, parseHcpcsFile } from "#shared/codesets/hcpcs-file.js";
import { ICD10CM, ICD10PCS, parseIcd10OrderFile } from "#shared/codesets/icd10-order-file.js";
import type { ReleasePayload } from "#shared/core/release.js";
import type { CodeChange } from "#shared/core/snapshot-diff.js";
import { diffLineStreams } from "#shared/diff/diff-line-streams.js";
import { diffSnapshots } from "#shared/diff/diff-snapshots.js";
import { fixture } from "../codesets/release-fixtures.js";

const cm = (year: number) =>
  parseIcd10OrderFile(fixture(`codesets/icd10cm_order_${year}.txt.gz`), ICD10CM, `FY${year}`);
const pcs = (year: number) =>
  parseIcd10OrderFile(fixture(`codesets/icd10pcs_order_${year}.txt.gz`), ICD10PCS, `FY${year}`);
// The one full-year proof of CMS's ICD-10-CM and ICD-10-PCS counts: other tests use the excerpts
// (test/fixtures/codesets/cut-excerpts.ts), shown below to be this diff restricted to their codes.
const cm2018 = cm(2018);
const cm2019 = cm(2019);
const cmFy2019 = diffSnapshots(cm2018, cm2019, ICD10CM);
const pcsFy2018 = diffSnapshots(pcs(2017), pcs(2018), ICD10PCS);
const change = (changes: readonly CodeChange[], key: string) => changes.find((c) => c.key === key);

/** A full release with its line `lineNumber` (1-based, CRLF as CMS writes them) replaced by `edit`. */
function releaseWith(path: string, lineNumber: number, edit: (line: string) => string): ReleasePayload {
  const lines = fixture(path).bytes.toString("latin1").split("\r\n");
  lines[lineNumber - 1] = edit(lines[lineNumber - 1]!);
  return { name: "icd10cm_order_2019.txt", bytes: Buffer.from(lines.join("\r\n"), "latin1") };
}

describe("diff of two ICD-10 releases, counted the way CMS counts", () => {
  it("gives CMS's published FY2019 ICD-10-CM figures: 279 new, 51 deleted valid codes (71,704 → 71,932)", () => {
    expect(cmFy2019.summary).toMatchObject({
      added: 279,
      deleted: 51,
      before: { records: 94_127, codes: 71_704 },
      after: { records: 94_444, codes: 71_932 },
    });
  });

  it("gives CMS's 143 revised FY2019 ICD-10-CM titles and keeps header changes apart", () => {
    expect(cmFy2019.summary.revised).toBe(143);
    expect(cmFy2019.summary.minorRevisions).toBe(0);
    expect(cmFy2019.summary.headers).toEqual({ added: 41, deleted: 0, revised: 29 });
  });

  it("gives CMS's published FY2018 ICD-10-PCS figures: 3,562 new, 646 deleted, 1,821 revised (75,789 → 78,705)", () => {
    const diff = pcsFy2018;
    // Two parsed releases compare their records in place; a stored snapshot (lines only) against a
    // parsed release, as collection diffs them, merges every line: the same diff.
    expect(diffSnapshots({ ...pcs(2017) }, pcs(2018), ICD10PCS)).toEqual(diff);
    expect(diff.summary).toMatchObject({
      added: 3562,
      deleted: 646,
      revised: 1821,
      minorRevisions: 227,
      before: { codes: 75_789 },
      after: { codes: 78_705 },
    });
    // CMS's 1,821 revised PCS titles are long-title revisions; 227 more codes changed only their
    // abbreviated order-file title, which CMS does not count.
    const revised = diff.changes.filter((c) => c.changeType === "revised" && c.category === "code");
    expect(revised).toHaveLength(2048);
    expect(revised.filter((c) => c.fields.some((f) => f.field === "longTitle"))).toHaveLength(1821);
    const abbreviatedOnly = revised.filter((c) => c.reason === "short-title-only");
    expect(abbreviatedOnly).toHaveLength(227);
    expect(abbreviatedOnly.every((c) => c.fields.length === 1 && c.fields[0]!.field === "shortTitle")).toBe(
      true,
    );
  });

  it("reports a revised title with which titles changed, before and after (E671 in FY2019)", () => {
    expect(change(cmFy2019.changes, "E671")).toMatchObject({
      changeType: "revised",
      category: "code",
      fields: [
        { field: "shortTitle", before: "Hypercarotinemia", after: "Hypercarotenemia" },
        { field: "longTitle", before: "Hypercarotinemia", after: "Hypercarotenemia" },
      ],
    });
  });

  it("counts a valid code expanded into subcodes as deleted, and its subcodes as new (C4311 in FY2019)", () => {
    expect(change(cmFy2019.changes, "C4311")).toMatchObject({
      changeType: "deleted",
      category: "code",
      reason: "expanded-to-header",
      fields: [{ field: "valid", before: "1", after: "0" }],
    });
    for (const subcode of ["C43111", "C43112"]) {
      expect(change(cmFy2019.changes, subcode)).toMatchObject({ changeType: "added", category: "code" });
    }
  });

  it.each([
    ["icd10cm", ICD10CM, 2018, cmFy2019, { added: 16, deleted: 6, revised: 8, headers: { added: 2 } }],
    ["icd10pcs", ICD10PCS, 2017, pcsFy2018, { added: 33, deleted: 0, revised: 0 }],
  ] as const)(
    "gives, on the %s excerpts other tests use, exactly the full-year changes of the excerpts' codes",
    (prefix, rules, year, full, summary) => {
      const excerpt = (y: number) =>
        parseIcd10OrderFile(fixture(`codesets/${prefix}_order_${y}.excerpt.txt`), rules, `FY${y}`);
      const diff = diffSnapshots(excerpt(year), excerpt(year + 1), rules);
      const categories = new Set(excerpt(year + 1).lines.map((line) => line.slice(0, 3)));
      expect(diff.changes).toEqual(full.changes.filter((c) => categories.has(c.key.slice(0, 3))));
      expect(diff.changes.length).toBeGreaterThan(0);
      expect(diff.summary).toMatchObject(summary);
    },
  );

  it("gives the same changes when the same lines arrive as async streams in batches", async () => {
    const before = cm2018;
    const after = cm2019;
    async function* stream(lines: readonly string[]) {
      yield* lines;
    }
    const changes: CodeChange[] = [];
    const summary = await diffLineStreams(stream(before.lines), stream(after.lines), ICD10CM, (c) =>
      changes.push(c),
    );
    expect(summary).toEqual(cmFy2019.summary);
    expect(changes).toEqual(cmFy2019.changes);
  });

  it("refuses a stream whose lines are not sorted by key", async () => {
    const run = diffLineStreams(["B\t1\tb\tb", "A\t1\ta\ta"], [], ICD10CM, () => {});
    await expect(run).rejects.toThrow(/before line 2: key "A" sorts before "B"/);
  });
});

describe("diff of two parsed order files, record by record in place", () => {
  const fy2019 = "codesets/icd10cm_order_2019.txt.gz";

  it("finds nothing between a release and itself, and still counts every record", () => {
    const diff = diffSnapshots(cm2019, cm2019, ICD10CM);
    expect(diff.changes).toEqual([]);
    expect(diff.summary.before).toEqual({ records: 94_444, codes: 71_932 });
    expect(diff.summary.after).toEqual(diff.summary.before);
  });

  it("sees no change in a record whose bytes differ only by trailing spaces or line breaks", () => {
    const padded = parseIcd10OrderFile(
      releaseWith(fy2019, 5000, (line) => `${line}   `),
      ICD10CM,
      "padded",
    );
    const lf = fixture(fy2019);
    const lfOnly = {
      ...lf,
      bytes: Buffer.from(lf.bytes.toString("latin1").replaceAll("\r\n", "\n"), "latin1"),
    };
    expect(diffSnapshots(cm2019, padded, ICD10CM).changes).toEqual([]);
    expect(diffSnapshots(parseIcd10OrderFile(lfOnly, ICD10CM, "lf"), padded, ICD10CM).changes).toEqual([]);
  });

  it("reports one title edited among records left alone, as the line-by-line merge does", () => {
    const edited = parseIcd10OrderFile(
      releaseWith(fy2019, 40_000, (line) => `${line.slice(0, 77)}Edited long title`),
      ICD10CM,
      "edited",
    );
    const diff = diffSnapshots(cm2019, edited, ICD10CM);
    expect(diff.changes).toHaveLength(1);
    expect(diff.changes[0]?.fields).toEqual([
      expect.objectContaining({ field: "longTitle", after: "Edited long title" }),
    ]);
    expect(diffSnapshots({ ...cm2019 }, edited, ICD10CM)).toEqual(diff);
  });
});

const derived = await parseHcpcsFile(fixture("hcpcs/HCPC2024_OCT_ANWEB.derived.csv"), "2024-Q4 (derived)");
const real = await parseHcpcsFile(fixture("hcpcs/HCPC2026_OCT_ANWEB.excerpt.csv"), "2026-Q4");

describe("diff of two HCPCS releases", () => {
  it("types a code whose termination date became set as deleted (terminated), and a new code as added", () => {
    const diff = diffSnapshots(derived, real, HCPCS);
    expect(diff.summary).toMatchObject({ added: 1, deleted: 1, revised: 0 });
    expect(change(diff.changes, "AC")).toMatchObject({ changeType: "added", category: "code" });
    expect(change(diff.changes, "JG")).toMatchObject({
      changeType: "deleted",
      reason: "terminated",
      fields: [{ field: "terminationDate", before: "", after: "20241231" }],
    });
  });

  it("types a code whose termination date was cleared as added (reinstated)", () => {
    const diff = diffSnapshots(real, derived, HCPCS);
    expect(change(diff.changes, "JG")).toMatchObject({ changeType: "added", reason: "reinstated" });
    expect(change(diff.changes, "AC")).toMatchObject({ changeType: "deleted" });
  });
});
