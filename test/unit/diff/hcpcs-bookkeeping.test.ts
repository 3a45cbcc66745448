import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HCPCS, parseHcpcsFile } from "#shared/codesets/hcpcs-file.js";
import { diffSnapshots } from "#shared/diff/diff-snapshots.js";

const REAL = readFileSync(
  new URL("../../fixtures/hcpcs/HCPC2026_OCT_ANWEB.excerpt.csv", import.meta.url),
  "latin1",
);

/** The real October 2026 file with one code's row edited the way a later quarter would. */
function withRow(code: string, edit: (cells: string[]) => void): Buffer {
  const lines = REAL.split(/\r?\n/).map((line) => {
    if (line.split(",")[0]?.trim() !== code) return line;
    const cells = line.split(",");
    edit(cells);
    return cells.join(",");
  });
  return Buffer.from(lines.join("\r\n"), "latin1");
}

const before = await parseHcpcsFile(
  { name: "HCPC2026_OCT_ANWEB.csv", bytes: Buffer.from(REAL, "latin1") },
  "2026-Q4",
);

describe("HCPCS bookkeeping fields", () => {
  it("a code whose only change is its action code and action date is not reported as revised", async () => {
    const after = await parseHcpcsFile(
      {
        name: "HCPC2027_JAN_ANWEB.csv",
        bytes: withRow("A1", (cells) => {
          cells[cells.length - 1] = "C";
          cells[cells.length - 3] = "20270101";
        }),
      },
      "2027-Q1",
    );
    const diff = diffSnapshots(before, after, HCPCS);
    expect(diff.changes).toEqual([]);
    expect(diff.summary).toMatchObject({ added: 0, deleted: 0, revised: 0 });
  });

  it("a descriptor change is revised and lists the bookkeeping fields that came with it", async () => {
    const after = await parseHcpcsFile(
      {
        name: "HCPC2027_JAN_ANWEB.csv",
        bytes: withRow("A1", (cells) => {
          cells[4] = "Dressing for 1 wound";
          cells[cells.length - 1] = "S";
        }),
      },
      "2027-Q1",
    );
    const diff = diffSnapshots(before, after, HCPCS);
    expect(diff.summary.revised).toBe(1);
    expect(diff.changes[0]).toMatchObject({ key: "A1", changeType: "revised" });
    expect(diff.changes[0]!.fields.map((f) => f.field).sort()).toEqual(["actionCode", "shortDescription"]);
  });
});
