import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { extractEntries } from "#shared/archive/zip.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const fixtures = join(root, "test/fixtures");
const cm2018 = join(fixtures, "codesets/icd10cm_order_2018.txt.gz");
const cm2019 = join(fixtures, "codesets/icd10cm_order_2019.txt.gz");
const pcs2017 = join(fixtures, "codesets/icd10pcs_order_2017.excerpt.txt");
const pcs2018 = join(fixtures, "codesets/icd10pcs_order_2018.excerpt.txt");
const hcpcs2017 = join(fixtures, "hcpcs/2017-Alpha-Numeric-HCPCS-File.zip");
const hcpcs2018 = join(fixtures, "hcpcs/2018-Alpha-Numeric-HCPCS-File.zip");
// Constructed from the real FY2019 file: addenda first, hyphenated names (test/fixtures/icd10cm/README.md).
const addendaFirst = join(fixtures, "icd10cm/icd10cm-CodesDescriptions-2019.addenda-first.constructed.zip");

/** The CLI as a user runs it: the built bundle, a real process. */
function codecurrent(...args: string[]) {
  const run = spawnSync(process.execPath, [join(root, "bin/codecurrent.mjs"), ...args], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The ANWEB TXT and XLSX inside each real zip, as files a user would diff. */
const members: Record<string, string> = {};

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "codecurrent-hcpcs-"));
  for (const [year, zip] of [
    ["2017", hcpcs2017],
    ["2018", hcpcs2018],
  ] as const) {
    const entries = await extractEntries(readFileSync(zip), [/ANWEB[^/]*\.txt$/i], [/ANWEB[^/]*\.xlsx$/i]);
    for (const entry of entries) {
      const path = join(dir, entry.name);
      writeFileSync(path, entry.bytes);
      members[`${year}.${entry.name.split(".").pop()}`] = path;
    }
  }
}, 120_000);

describe("codecurrent diff on real HCPCS releases, in every format", () => {
  it.each([
    ["zip", () => [hcpcs2017, hcpcs2018]],
    ["TXT", () => [members["2017.txt"]!, members["2018.txt"]!]],
    ["XLSX", () => [members["2017.xlsx"]!, members["2018.xlsx"]!]],
    ["2017 TXT → 2018 XLSX", () => [members["2017.txt"]!, members["2018.xlsx"]!]],
  ])("diffs January 2017 → January 2018 as %s: 154 new, 29 deleted", (_, sides) => {
    const run = codecurrent("diff", "--system", "hcpcs", ...sides());
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("new codes: 154   deleted codes: 29   revised codes: 151");
    expect(run.stdout).toContain("terminated records (not codes): 14 new, 107 deleted, 2 revised");
    // A year apart, the 2018 file's own action codes (its January update) cannot match the diff, and it says why.
    expect(run.stdout).toContain(
      "Publisher's own counts differ: the file's own ACTION CD column counts 152 added, 40 deleted; the diff finds 154 added, 29 deleted.",
    );
  });

  it("agrees with the file's own action codes on a consecutive pair", () => {
    const derived = join(fixtures, "hcpcs/HCPC2017_OCT_ANWEB.derived.txt.gz");
    const run = codecurrent("diff", "--system", "hcpcs", derived, hcpcs2018);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("new codes: 152   deleted codes: 40   revised codes: 0");
    expect(run.stdout).toContain(
      "Publisher's own counts: the file's own ACTION CD column counts 152 added, 40 deleted, as the diff does.",
    );
  });
});

describe("codecurrent diff reads the order file of a zip laid out like CDC's April zips", () => {
  it("takes the order file, not the addenda listed first, and shows CMS's own counts agreeing", () => {
    const run = codecurrent("diff", "--system", "icd10cm", cm2018, addendaFirst);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("new codes: 279   deleted codes: 51   revised codes: 143");
    expect(run.stdout).toMatch(
      /Publisher's own counts: CMS's addenda counts 279 added, 51 deleted, 143 revised, as the diff does/,
    );
  });
});

describe("codecurrent diff knows what it reads", () => {
  it.each([
    [
      "ICD-10-CM fed as PCS",
      "icd10pcs",
      cm2018,
      cm2019,
      /looks like an ICD-10-CM order file .*not ICD-10-PCS; .*--system icd10cm/,
    ],
    [
      "ICD-10-PCS fed as CM",
      "icd10cm",
      pcs2017,
      pcs2018,
      /looks like an ICD-10-PCS order file .*not ICD-10-CM; .*--system icd10pcs/,
    ],
    [
      "an HCPCS zip fed as ICD-10-CM",
      "icd10cm",
      hcpcs2017,
      hcpcs2018,
      /looks like a release of HCPCS Level II \(its zip holds HCPC17_CONTR_ANWEB\.txt\), not ICD-10-CM/,
    ],
    [
      "an ICD-10-CM file fed as HCPCS",
      "hcpcs",
      cm2018,
      cm2019,
      /looks like an ICD-10-CM order file .*not HCPCS Level II/,
    ],
    [
      "an ICD-10-CM zip fed as HCPCS",
      "hcpcs",
      addendaFirst,
      addendaFirst,
      /looks like a release of ICD-10-CM .*not HCPCS Level II/,
    ],
  ])("exits 3 on %s, naming what the file looks like", (_, system, old, now, message) => {
    const run = codecurrent("diff", "--system", system, old, now);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("warns on stderr when OLD is newer than NEW by the files' own fiscal year", () => {
    const run = codecurrent("diff", "--system", "icd10cm", cm2019, cm2018);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("warning: OLD (FY2019) is newer than NEW (FY2018)");
    expect(codecurrent("diff", "--system", "icd10cm", cm2018, cm2019).stderr).toBe("");
  });

  it("warns when OLD is newer than NEW by the HCPCS files' own action dates", () => {
    const run = codecurrent("diff", "--system", "hcpcs", hcpcs2018, hcpcs2017);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/warning: OLD carries action dates up to 2018\d{4}, NEW only up to 2017\d{4}/);
  });
});
