import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ParseError } from "#shared/core/parse-error.js";
import { diffSnapshots } from "#shared/diff/diff-snapshots.js";
import { latin1Lines } from "#shared/ncci/latin1-lines.js";
import { parsePtpEdits, readPtpEdits } from "#shared/ncci/ptp-file.js";
import { NCCI_PTP } from "#shared/ncci/ptp-rules.js";

const REAL = readFileSync(
  fileURLToPath(new URL("../../fixtures/ncci/ccipra-v322r0-f1.excerpt.txt", import.meta.url)),
);
const text = REAL.toString("latin1");
const part = (lines: string[], announcedRecords?: number) => ({ name: "f1", lines, announcedRecords });

describe("NCCI PTP file (real v322r0 part 1 excerpt)", () => {
  it("reads past the AMA notice and the wrapped header to one line per pair, in pair order", () => {
    const lines = parsePtpEdits("ptp", [part(text.split("\n"))]);
    expect(lines).toHaveLength(154);
    expect(lines[0]).toBe(
      "0001A:0591T\t\t20220101\t20231231\t1\tCPT Manual or CMS manual coding instruction",
    );
    expect(lines.at(-1)).toMatch(/^0001U:81166\t\t20190101\t\*\t1\tMisuse of Column Two code/);
    expect([...lines].sort()).toEqual(lines);
    expect(lines.some((line) => /American Medical Association|Column 1/.test(line))).toBe(false);
  });

  it("streams Latin-1 bytes with CRLF to the same lines, whatever the chunk boundaries", async () => {
    const chunks = [REAL.subarray(0, 1000), REAL.subarray(1000, 1001), REAL.subarray(1001)];
    const streamed: string[] = [];
    for await (const line of readPtpEdits("ptp", [
      { name: "f1", lines: latin1Lines(Readable.from(chunks)) },
    ])) {
      streamed.push(line);
    }
    expect(streamed).toEqual(parsePtpEdits("ptp", [part(text.split("\n"))]));
  });

  it("keeps Latin-1 characters of a rationale as they are", () => {
    const latin = Buffer.concat([
      REAL,
      Buffer.from("0002A\t99999\t\t20260701\t*\t1\tCaf\xe9 rationale\r\n", "latin1"),
    ]);
    const lines = parsePtpEdits("ptp", [part(latin.toString("latin1").split("\n"))]);
    expect(lines.at(-1)).toContain("Café rationale");
  });

  it("fails a part whose row count differs from the count the CMS page announces", () => {
    expect(() => parsePtpEdits("ptp", [part(text.split("\n"), 155)])).toThrow(
      /holds 154 records, the CMS page announces 155/,
    );
  });

  it("fails a part cut off in the middle of a row", () => {
    const cut = text.slice(0, text.lastIndexOf("\t1\t"));
    expect(() => parsePtpEdits("ptp", [part(cut.split("\n"))])).toThrow(ParseError);
  });

  it("fails a file that is not a PTP table", () => {
    expect(() => parsePtpEdits("ptp", [part(["HCPC,LONG DESCRIPTION", "A0021,Ambulance"])])).toThrow(
      /header/,
    );
  });

  it("fails parts that are out of pair order", () => {
    const rows = text.split("\n");
    const [first, second] = [rows.slice(0, 50), [...rows.slice(0, 6), ...rows.slice(6, 10)]];
    expect(() => parsePtpEdits("ptp", [part(first), part(second)])).toThrow(
      /not in column 1, column 2 order/,
    );
  });

  it("keeps the edit in force when a pair is listed twice", () => {
    const rows = [...text.split("\n").slice(0, 7), "0001A\t0591T\t\t20260701\t*\t0\tNew rationale\r"];
    const lines = parsePtpEdits("ptp", [part(rows)]);
    expect(lines).toEqual(["0001A:0591T\t\t20260701\t*\t0\tNew rationale"]);
  });
});

describe("NCCI PTP changes", () => {
  const before = parsePtpEdits("ptp", [part(text.split("\n"))]);
  const snapshot = (lines: string[]) => ({
    system: "ncci-ptp",
    version: "v",
    fields: NCCI_PTP.fields,
    lines,
  });
  const edit = (key: string, change: (fields: string[]) => void) =>
    before.map((line) => {
      if (!line.startsWith(`${key}\t`)) return line;
      const [k, ...fields] = line.split("\t");
      change(fields);
      return [k, ...fields].join("\t");
    });
  const only = (after: string[]) => {
    const diff = diffSnapshots(snapshot(before), snapshot(after), NCCI_PTP);
    expect(diff.changes).toHaveLength(1);
    return diff.changes[0]!;
  };

  it("a deletion date set on an edit in force is the edit's deletion", () => {
    const change = only(edit("0001U:81162", (f) => (f[2] = "20260630")));
    expect(change).toMatchObject({ key: "0001U:81162", changeType: "deleted", reason: "edit-deleted" });
  });

  it("a deletion date removed is the edit reinstated", () => {
    const change = only(edit("0001A:0591T", (f) => (f[2] = "*")));
    expect(change).toMatchObject({ changeType: "added", reason: "edit-reinstated" });
  });

  it("tells a modifier indicator, a rationale and a date change apart", () => {
    expect(only(edit("0001U:81162", (f) => (f[3] = "0"))).reason).toBe("modifier-indicator-changed");
    expect(only(edit("0001U:81162", (f) => (f[4] = "Mutually exclusive procedures"))).reason).toBe(
      "rationale-changed",
    );
    expect(only(edit("0001U:81162", (f) => (f[1] = "20180401"))).reason).toBe("dates-changed");
  });

  it("a pair new to the file is an added edit, one gone from it a deleted edit", () => {
    expect(only(before.slice(1))).toMatchObject({ key: "0001A:0591T", changeType: "deleted" });
    expect(only([...before, "0002A:0591T\t\t20260701\t*\t1\tx"])).toMatchObject({ changeType: "added" });
  });

  it("names both codes of a pair", () => {
    expect(NCCI_PTP.pairOf?.("0001A:0591T")).toEqual(["0001A", "0591T"]);
  });
});
