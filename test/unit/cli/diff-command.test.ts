import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { zipOf } from "../../fixtures/zip-of.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const fixtures = join(root, "test/fixtures");
// Real lines of both years, a few categories each (test/fixtures/codesets/cut-excerpts.ts): the CMS
// counts on the full years are proven once, in test/unit/diff/diff-snapshots.test.ts.
const cm2018 = join(fixtures, "codesets/icd10cm_order_2018.excerpt.txt");
const cm2019 = join(fixtures, "codesets/icd10cm_order_2019.excerpt.txt");

/** The CLI as a user runs it: the built bundle, a real process. */
function codecurrent(...args: string[]) {
  const run = spawnSync(process.execPath, [join(root, "bin/codecurrent.mjs"), ...args], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("codecurrent diff", () => {
  it("prints the CMS-style counts and examples as a summary", () => {
    const run = codecurrent("diff", "--system", "icd10cm", cm2018, cm2019);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("new codes: 16   deleted codes: 6   revised codes: 8");
    expect(run.stdout).toContain(
      "C4311  Malignant melanoma of right eyelid, including canthus [expanded-to-header]",
    );
    expect(run.stderr).toBe("");
  });

  it("prints the summary and every change as JSON", () => {
    const run = codecurrent("diff", "--system", "icd10cm", "--format", "json", cm2018, cm2019);
    expect(run.code).toBe(0);
    const diff = JSON.parse(run.stdout);
    expect(diff.summary).toMatchObject({ added: 16, deleted: 6, revised: 8 });
    expect(diff.changes).toHaveLength(16 + 6 + 8 + 2);
    expect(diff.changes.find((c: { key: string }) => c.key === "E671").fields[0]).toEqual({
      field: "shortTitle",
      before: "Hypercarotinemia",
      after: "Hypercarotenemia",
    });
  });

  it("prints one CSV row per changed field, written like every codecurrent CSV (BOM, CRLF)", () => {
    const run = codecurrent("diff", "--system", "icd10cm", "--format", "csv", cm2018, cm2019);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith("\uFEFFkey,changeType,category,reason,field,before,after\r\n")).toBe(true);
    const rows = parse(run.stdout, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toContainEqual({
      key: "C4311",
      changeType: "deleted",
      category: "code",
      reason: "expanded-to-header",
      field: "valid",
      before: "1",
      after: "0",
    });
    // A title with a comma survives the quoting.
    expect(rows.find((row) => row.key === "C43111")?.after).toBe(
      "Malignant melanoma of right upper eyelid, including canthus",
    );
  });

  it("diffs HCPCS files and reports a terminated code", () => {
    const run = codecurrent(
      "diff",
      "--system",
      "hcpcs",
      "--format",
      "csv",
      join(fixtures, "hcpcs/HCPC2024_OCT_ANWEB.derived.csv"),
      join(fixtures, "hcpcs/HCPC2026_OCT_ANWEB.excerpt.csv"),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("JG,deleted,code,terminated,terminationDate,,20241231");
  });

  it("reads the order file out of a CMS-style zip, beside the other files CMS ships in it", async () => {
    // A full year inside a zip is read in diff-knows-what-it-reads.test.ts (addenda listed first).
    const dir = mkdtempSync(join(tmpdir(), "codecurrent-cli-"));
    const zip = join(dir, "2019-code-descriptions-tabular-order.zip");
    const order = readFileSync(cm2019);
    writeFileSync(
      zip,
      await zipOf({ "icd10cm_codes_2019.txt": "A000 Cholera\n", "icd10cm_order_2019.txt": order }),
    );
    const run = codecurrent("diff", "--system", "icd10cm", cm2018, zip);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("new codes: 16   deleted codes: 6   revised codes: 8");
  });

  it.each([
    ["an unknown code system", ["diff", "--system", "cpt", cm2018, cm2019]],
    ["a missing file argument", ["diff", "--system", "icd10cm", cm2018]],
    ["an unknown format", ["diff", "--system", "icd10cm", "--format", "xml", cm2018, cm2019]],
  ])("exits 2 on a usage error: %s", (_, args) => {
    const run = codecurrent(...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/error:/);
  });

  it("exits 3 with a one-line message, no stack, on a file that is not an order file", () => {
    const dir = mkdtempSync(join(tmpdir(), "codecurrent-cli-"));
    const page = join(dir, "icd10cm_order_2020.txt");
    writeFileSync(page, "<!DOCTYPE html>\n<html><body>Access Denied</body></html>\n");
    const run = codecurrent("diff", "--system", "icd10cm", cm2018, page);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^codecurrent: icd10cm order file icd10cm_order_2020.txt: line 1: /);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe("");
  });

  it("exits 3 on a file that does not exist", () => {
    const run = codecurrent("diff", "--system", "icd10cm", cm2018, join(fixtures, "no-such-file.txt"));
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/cannot read .*no-such-file.txt: ENOENT/);
  });
});
