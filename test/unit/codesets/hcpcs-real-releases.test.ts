import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { extractEntries } from "#shared/archive/zip.js";
import { actionCodeCounts } from "#shared/codesets/hcpcs-action-codes.js";
import { HCPCS, parseHcpcsFile, parseHcpcsRelease } from "#shared/codesets/hcpcs-file.js";
import { ANWEB_COLUMNS } from "#shared/codesets/hcpcs-record-layout.js";
import { ParseError } from "#shared/core/parse-error.js";
import type { ReleasePayload } from "#shared/core/release.js";
import type { CodeSetSnapshot } from "#shared/core/snapshot.js";
import { diffSnapshots } from "#shared/diff/diff-snapshots.js";
import { hcpcs } from "#shared/sources/hcpcs.js";
import { zipOf } from "../../fixtures/zip-of.js";

/**
 * CMS's real January 2017 and January 2018 HCPCS Level II files (test/fixtures/hcpcs/, verbatim),
 * in each format CMS zips them in. Their figures are the files' own: counted as codes valid (no
 * TERM DT) in one file and not the other, 154 added and 29 deleted; each file's ACTION CD column
 * gives CMS's published counts of its own update (2017: A 278, D 147; 2018: A 152, D 40).
 */
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/hcpcs/${name}`, import.meta.url));
const members = (zip: string) =>
  extractEntries(fixture(zip), hcpcs.entryPatterns, hcpcs.companionPatterns ?? []);

let txt17: ReleasePayload;
let xlsx17: ReleasePayload;
let txt18: ReleasePayload;
let xlsx18: ReleasePayload;
const parsed = new Map<ReleasePayload, CodeSetSnapshot>();
/** Each member parsed once, before the tests read it. */
const read = (payload: ReleasePayload) => parsed.get(payload)!;

beforeAll(async () => {
  [txt17, xlsx17] = (await members("2017-Alpha-Numeric-HCPCS-File.zip")) as [ReleasePayload, ReleasePayload];
  [txt18, xlsx18] = (await members("2018-Alpha-Numeric-HCPCS-File.zip")) as [ReleasePayload, ReleasePayload];
  for (const payload of [txt17, xlsx17, txt18, xlsx18]) {
    parsed.set(payload, await parseHcpcsFile(payload, payload.name));
  }
});

describe("the real HCPCS files, every format", () => {
  it("takes the ANWEB TXT first and the XLSX beside it out of CMS's zips, never the transaction report", () => {
    expect([txt17, xlsx17, txt18, xlsx18].map((payload) => payload.name)).toEqual([
      "HCPC17_CONTR_ANWEB.txt",
      "HCPC17_CONTR_ANWEB.xlsx",
      "HCPC2018_CONTR_ANWEB_disc.txt",
      "HCPC2018_CONTR_ANWEB_disc.xlsx",
    ]);
  });

  it("reads the 2017 TXT, whose continuation records end at column 91", () => {
    const lines = txt17.bytes.toString("latin1").split("\r\n");
    expect(lines.filter((line) => /^.{10}[48]/.test(line) && line.length === 91).length).toBeGreaterThan(
      4000,
    );
    expect(read(txt17).lines).toHaveLength(6498);
  });

  it("reads the 2018 TXT below its 11 disclaimer lines, and the 2018 XLSX whose header is in row 11", () => {
    expect(txt18.bytes.toString("latin1").split("\r\n")[0]).toBe("***Disclaimers");
    expect(read(txt18).lines).toHaveLength(6559);
    expect(read(xlsx18).lines).toHaveLength(6559);
  });

  it("joins a long description over its continuation rows, as the XLSX has it in one cell", () => {
    const long = (snapshot: CodeSetSnapshot, code: string) =>
      snapshot.lines.find((line) => line.startsWith(`${code}\t`))!.split("\t")[1];
    expect(long(read(txt17), "AD")).toBe(
      "Medical supervision by a physician: more than four concurrent anesthesia procedures",
    );
    expect(long(read(txt17), "AD")).toBe(long(read(xlsx17), "AD"));
  });

  it.each([
    ["TXT", () => txt17, () => txt18],
    ["XLSX", () => xlsx17, () => xlsx18],
    ["2017 TXT → 2018 XLSX", () => txt17, () => xlsx18],
    ["2017 XLSX → 2018 TXT", () => xlsx17, () => txt18],
  ])("diffs 2017 → 2018 as %s to 154 added and 29 deleted codes", (_, was, now) => {
    const { summary } = diffSnapshots(read(was()), read(now()), HCPCS);
    expect(summary).toMatchObject({ added: 154, deleted: 29, revised: 151 });
    expect(summary.before.codes).toBe(5968);
    expect(summary.after.codes).toBe(6093);
  });

  it("diffs the zips as CMS publishes them to the same counts", () => {
    const release = async (zip: string) => parseHcpcsRelease(await members(zip), zip);
    return Promise.all([
      release("2017-Alpha-Numeric-HCPCS-File.zip"),
      release("2018-Alpha-Numeric-HCPCS-File.zip"),
    ]).then(([was, now]) => {
      expect(diffSnapshots(was, now, HCPCS).summary).toMatchObject({ added: 154, deleted: 29 });
    });
  });

  it("counts like CMS: terminated records apart, never as added or deleted codes", () => {
    const diff = diffSnapshots(read(txt17), read(txt18), HCPCS);
    const apart = diff.changes.filter((change) => change.category === "terminated");
    // 107 codes terminated in 2013 and dropped after their four years are not deleted again.
    const dropped = apart.filter((change) => change.changeType === "deleted");
    expect(dropped).toHaveLength(107);
    expect(new Set(dropped.map((change) => change.before?.terminationDate?.slice(0, 4)))).toEqual(
      new Set(["2013"]),
    );
    // 14 codes added and discontinued during 2017 appear only terminated: neither added nor deleted.
    expect(apart.filter((change) => change.changeType === "added")).toHaveLength(14);
    expect(diff.summary.headers).toMatchObject({ added: 14, deleted: 107 });
    const byKey = new Map(diff.changes.map((change) => [change.key, change]));
    for (const code of ["G0477", "G0478", "G0479"]) {
      expect(byKey.get(code)).toMatchObject({
        changeType: "deleted",
        category: "code",
        reason: "terminated",
      });
    }
    // Added 2017-01-01 but missing from CMS's 2017 file: new in 2018.
    for (const code of ["C1842", "G0659"]) {
      expect(byKey.get(code)).toMatchObject({ changeType: "added", category: "code" });
    }
  });

  it.each([
    ["2017", () => txt17, () => xlsx17, 12],
    ["2018", () => txt18, () => xlsx18, 35],
  ])(
    "reads the %s TXT and XLSX as one release: their whitespace differences are minor edits, not revisions",
    (_, txt, xlsx, whitespaceOnly) => {
      const diff = diffSnapshots(read(txt()), read(xlsx()), HCPCS);
      expect(diff.summary).toMatchObject({
        added: 0,
        deleted: 0,
        revised: 0,
        minorRevisions: whitespaceOnly,
      });
      expect(diff.changes.every((change) => change.reason === "whitespace-only")).toBe(true);
    },
  );
});

describe("the file's own ACTION CD column", () => {
  it("gives CMS's published counts of each file's update", () => {
    expect(actionCodeCounts(read(txt17))).toMatchObject({ deleted: 147 });
    // 278 A and one R (a code reactivated, which a diff sees as an addition).
    expect(actionCodeCounts(read(txt17)).added).toBe(279);
    expect(actionCodeCounts(read(txt18))).toEqual({ added: 152, deleted: 40, source: "action-codes" });
  });

  it("equals the diff exactly on a consecutive pair: the release before the 2018 file, derived from its own actions", async () => {
    // test/fixtures/hcpcs/derive-before-actions.ts: the 2018 file with its A records removed and its
    // D records' termination dates cleared (README.md says what it cannot undo).
    const before = await parseHcpcsFile(
      { name: "HCPC2017_OCT_ANWEB.txt", bytes: gunzipSync(fixture("HCPC2017_OCT_ANWEB.derived.txt.gz")) },
      "derived",
    );
    const diff = diffSnapshots(before, read(txt18), HCPCS);
    expect(diff.summary).toMatchObject({ added: 152, deleted: 40, revised: 0 });
    expect(diff.summary.added).toBe(actionCodeCounts(read(txt18)).added);
    expect(diff.summary.deleted).toBe(actionCodeCounts(read(txt18)).deleted);
  });
});

describe("a zip takes whichever member parses", () => {
  it("reads the XLSX when the TXT fails, and says why each member failed when none reads", async () => {
    const brokenTxt = { name: "HCPC2018_CONTR_ANWEB_disc.txt", bytes: Buffer.from("A0021 not a record\r\n") };
    expect((await parseHcpcsRelease([brokenTxt, xlsx18], "2018")).lines).toHaveLength(6559);
    const xls = {
      name: "HCPC2020_ANWEB.xls",
      bytes: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 1, 2]),
    };
    await expect(parseHcpcsRelease([brokenTxt, xls], "2020")).rejects.toThrow(
      /no member of the release reads as an ANWEB file: .*HCPC2018_CONTR_ANWEB_disc\.txt.*HCPC2020_ANWEB\.xls/,
    );
  });

  it("refuses an old .xls workbook with a sentence naming the format, never its bytes", async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(512, 0xff),
    ]);
    let message = "";
    try {
      await parseHcpcsFile({ name: "HCPC2020_ANWEB.xls", bytes }, "2020");
    } catch (error) {
      expect(error).toBeInstanceOf(ParseError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/Excel 97-2003 workbook \(\.xls, BIFF format\)/);
    // Printable text only: none of the workbook's bytes (0xD0 0xCF 0x11 0xE0 …, 0xFF) leak into it.
    expect([...message].every((ch) => ch >= " " && ch <= "~")).toBe(true);
  });

  it("reads a workbook whose header sits below notice rows at any row", async () => {
    const header = ANWEB_COLUMNS.map((column) => column.header);
    const sheet = (rows: string[][]) =>
      rows
        .map(
          (row, r) =>
            `<row r="${r + 1}">${row.map((v, c) => `<c r="${columnName(c)}${r + 1}" t="inlineStr"><is><t>${v}</t></is></c>`).join("")}</row>`,
        )
        .join("");
    const row = header.map(
      (_, i) => ["   A1", "0010", "7", "Dressing for one wound", "Dressing for one wound"][i] ?? "",
    );
    const xlsx = await zipOf({
      "xl/worksheets/sheet1.xml": `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheet([["***Disclaimers"], [], ["notice"], [], [], [], [], header, row])}</sheetData></worksheet>`,
    });
    expect((await parseHcpcsFile({ name: "x.xlsx", bytes: xlsx }, "v")).lines).toEqual([
      expect.stringMatching(/^A1\tDressing for one wound\tDressing for one wound/),
    ]);
  });
});

describe("CMS's 2018 record layout", () => {
  const layout = fixture("HCPCS18_recordlayout.txt").toString("latin1");
  /** BEG and END of a numbered field of the layout, e.g. `29.  HCPCS Termination Date`. */
  const positions = (title: string) => {
    const at = layout.indexOf(title);
    const match = /\s+\d+\s+(\d+)\s+(\d+)\s+(?:CHAR|NUM)/.exec(layout.slice(at + title.length));
    return [Number(match![1]), Number(match![2])];
  };
  it.each([
    ["HCPCS Long Description", "LONG DESCRIPTION"],
    ["HCPCS Short Description", "SHORT DESCRIPTION"],
    ["HCPCS Code Added Date", "ADD DT"],
    ["HCPCS Action Effective Date", "ACT EFF DT"],
    ["HCPCS Termination Date", "TERM DT"],
    ["HCPCS Action Code", "ACTION CD"],
  ])("places %s where the parser reads %s", (title, header) => {
    const column = ANWEB_COLUMNS.find((candidate) => candidate.header === header)!;
    expect([column.from, column.to]).toEqual(positions(title));
  });
});

/** `0` → `A`, `26` → `AA`: a spreadsheet column's name. */
function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}
