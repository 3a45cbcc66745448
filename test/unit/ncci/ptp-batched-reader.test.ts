import { createReadStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeSnapshot, readSnapshotLines, SnapshotWriter } from "#shared/codesets/snapshot-file.js";
import type { LineBatches } from "#shared/core/line-batches.js";
import { ParseError } from "#shared/core/parse-error.js";
import type { CodeChange } from "#shared/core/snapshot-diff.js";
import { diffLineStreams } from "#shared/diff/diff-line-streams.js";
import { latin1Lines } from "#shared/ncci/latin1-lines.js";
import { type PtpPartLines, parsePtpEdits, readPtpEdits } from "#shared/ncci/ptp-file.js";
import { NCCI_PTP } from "#shared/ncci/ptp-rules.js";
import { writePtpQuarter } from "../../bench/ptp-quarter-generator.js";

/*
 * The streamed PTP reader checks rows on the bytes of whole chunks and hands rows on in arrays;
 * the per-line reader checks each line's string. Both must give exactly the same lines and fail
 * with exactly the same errors, whatever the chunk boundaries.
 */

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../fixtures/ncci/${name}`, import.meta.url)));
const EXCERPT = fixture("ccipra-v322r0-f1.excerpt.txt");

/** Bytes cut into chunks of the given sizes, repeating the last size. */
function chunked(bytes: Buffer, sizes: readonly number[]): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = sizes[Math.min(i, sizes.length - 1)]!;
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

/** One part's lines the per-line way: a plain async generator, one string per step. */
async function* oneByOne(bytes: Buffer): AsyncGenerator<string> {
  const lines = bytes.toString("latin1").split("\n");
  if (lines.at(-1) === "") lines.pop();
  for (const line of lines) yield line;
}

async function batchedLines(lines: LineBatches): Promise<string[]> {
  const all: string[] = [];
  for await (const batch of lines.batches()) all.push(...batch);
  return all;
}

async function lineByLine(lines: AsyncIterable<string>): Promise<string[]> {
  const all: string[] = [];
  for await (const line of lines) all.push(line);
  return all;
}

type Part = { name: string; bytes: Buffer; announcedRecords?: number };

const batched = (parts: readonly Part[], sizes: readonly number[]) =>
  batchedLines(
    readPtpEdits(
      "ptp",
      parts.map((part) => ({
        name: part.name,
        lines: latin1Lines(Readable.from(chunked(part.bytes, sizes))),
        ...(part.announcedRecords === undefined ? {} : { announcedRecords: part.announcedRecords }),
      })),
    ),
  );

const perLine = (parts: readonly Part[]) =>
  lineByLine(
    readPtpEdits(
      "ptp",
      parts.map(
        (part): PtpPartLines => ({
          name: part.name,
          lines: oneByOne(part.bytes),
          ...(part.announcedRecords === undefined ? {} : { announcedRecords: part.announcedRecords }),
        }),
      ),
    ),
  );

/** The error a read fails with, as message and line, so two readers' failures can be compared. */
async function failureOf(read: Promise<unknown>): Promise<{ message: string; line?: number }> {
  try {
    await read;
  } catch (error) {
    expect(error).toBeInstanceOf(ParseError);
    const { message, line } = error as ParseError & { line?: number };
    return { message, line };
  }
  throw new Error("expected the read to fail");
}

const CHUNKINGS: readonly (readonly number[])[] = [
  [1],
  [2],
  [7],
  [61],
  [1000, 1],
  [4096],
  [1 << 20],
  [13, 500, 3],
];

describe("batched PTP reader = per-line reader (real v322r0 excerpt)", () => {
  it("gives the very lines of the per-line reader and of the in-memory parse, whatever the chunks", async () => {
    const expected = parsePtpEdits("ptp", [{ name: "f1", lines: EXCERPT.toString("latin1").split("\n") }]);
    expect(expected).toHaveLength(154);
    expect(await perLine([{ name: "f1", bytes: EXCERPT }])).toEqual(expected);
    for (const sizes of CHUNKINGS) {
      expect(await batched([{ name: "f1", bytes: EXCERPT }], sizes)).toEqual(expected);
    }
  });

  it("reads the real rows split into two parts, and their derived earlier quarter, the same both ways", async () => {
    for (const names of [
      ["ccipra-v322r0-f1.part.txt", "ccipra-v322r0-f2.part.txt"],
      ["ccipra-v321r0-f1.derived.txt", "ccipra-v321r0-f2.derived.txt"],
    ]) {
      const parts = names.map((name) => ({ name, bytes: fixture(name) }));
      const expected = await perLine(parts);
      expect(expected.length).toBeGreaterThan(100);
      for (const sizes of CHUNKINGS) expect(await batched(parts, sizes)).toEqual(expected);
    }
  });

  it("reads LF-only lines, a last line without a line end, blank lines and Latin-1 the same way", async () => {
    const lf = Buffer.from(
      `${EXCERPT.toString("latin1").replaceAll("\r\n", "\n").trimEnd()}\n\n0002A\t99999\t\t20260701\t*\t1\tCaf\xe9`,
      "latin1",
    );
    const expected = await perLine([{ name: "f1", bytes: lf }]);
    expect(expected.at(-1)).toBe("0002A:99999\t\t20260701\t*\t1\tCafé");
    for (const sizes of CHUNKINGS)
      expect(await batched([{ name: "f1", bytes: lf }], sizes)).toEqual(expected);
  });

  it("keeps the edit in force of a pair listed twice, across a chunk boundary too", async () => {
    const text = EXCERPT.toString("latin1");
    const twice = Buffer.from(
      `${text}0001U\t81166\t\t20260701\t*\t0\tLater\r\n0001U\t81166\t\t20200101\t*\t1\tEarlier\r\n`,
      "latin1",
    );
    const expected = await perLine([{ name: "f1", bytes: twice }]);
    expect(expected.at(-1)).toBe("0001U:81166\t\t20260701\t*\t0\tLater");
    for (const sizes of [...CHUNKINGS, [text.length + 20]]) {
      expect(await batched([{ name: "f1", bytes: twice }], sizes)).toEqual(expected);
    }
  });

  it("fails every bad row with the per-line reader's ParseError: part, line and what was expected", async () => {
    const rows = EXCERPT.toString("latin1").split("\n");
    const spoiled = (line: number, text: string) =>
      Buffer.from([...rows.slice(0, line), `${text}\r`, ...rows.slice(line + 1)].join("\n"), "latin1");
    const cases = [
      spoiled(40, "0001A\t0591T\t\t20220101\t*\t1\tCPT Manual\textra"),
      spoiled(40, "0001a\t0591T\t\t20220101\t*\t1\tCPT Manual"),
      spoiled(40, "0001A\t0591T\tx\t20220101\t*\t1\tCPT Manual"),
      spoiled(40, "0001A\t0591T\t\t2022011\t*\t1\tCPT Manual"),
      spoiled(40, "0001A\t0591T\t\t20220101\t2023\t1\tCPT Manual"),
      spoiled(40, "0001A\t0591T\t\t20220101\t*\t2\tCPT Manual"),
      spoiled(40, "0001A\t0591T\t\t20220101\t*\t1"),
      // Out of pair order in the middle of the rows.
      spoiled(100, rows[20]!.replace(/\r$/, "")),
      // Cut off in the middle of a row.
      EXCERPT.subarray(0, EXCERPT.lastIndexOf("\t1\t")),
    ];
    for (const bytes of cases) {
      const expected = await failureOf(perLine([{ name: "f1", bytes }]));
      expect(expected.message).toMatch(/^ptp f1/);
      for (const sizes of CHUNKINGS) {
        expect(await failureOf(batched([{ name: "f1", bytes }], sizes))).toEqual(expected);
      }
    }
  });

  it("fails a miscounted part and parts out of order the same way", async () => {
    const f1 = { name: "f1", bytes: fixture("ccipra-v322r0-f1.part.txt") };
    const f2 = { name: "f2", bytes: fixture("ccipra-v322r0-f2.part.txt") };
    for (const parts of [
      [{ ...f1, announcedRecords: 1 }, f2],
      [f2, f1],
      [f1, { name: "f2", bytes: Buffer.from("HCPC,x\n") }],
    ]) {
      const expected = await failureOf(perLine(parts));
      for (const sizes of CHUNKINGS) expect(await failureOf(batched(parts, sizes))).toEqual(expected);
    }
  });
});

describe("batched PTP reader = per-line reader (generated four-part quarter)", () => {
  let dir: string;
  let quarter: Awaited<ReturnType<typeof writePtpQuarter>>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "codecurrent-ptp-"));
    quarter = await writePtpQuarter(dir, { rows: 60_000, parts: 4, seed: 7 });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const parts = (paths: readonly string[]) =>
    paths.map((path, i) => ({ name: `f${i + 1}`, bytes: readFileSync(path) }));
  // Files read as the CLI reads them, in the stream's own chunks, small ones to cross many lines.
  const streamed = (paths: readonly string[], highWaterMark: number) =>
    readPtpEdits(
      "ptp",
      paths.map((path, i) => ({
        name: `f${i + 1}`,
        lines: latin1Lines(createReadStream(path, { highWaterMark })),
      })),
    );

  it("gives the very lines of the per-line reader on each side", async () => {
    for (const side of [quarter.paths.before, quarter.paths.after]) {
      const expected = await perLine(parts(side));
      expect(expected.length).toBeGreaterThan(59_000);
      for (const highWaterMark of [1000, 65_536]) {
        expect(await batchedLines(streamed(side, highWaterMark))).toEqual(expected);
        expect(await lineByLine(streamed(side, highWaterMark))).toEqual(expected);
      }
    }
  });

  it("diffs to the same changes batched as line by line, and finds what was planted", async () => {
    const diff = async (before: AsyncIterable<string>, after: AsyncIterable<string>) => {
      const changes: CodeChange[] = [];
      const summary = await diffLineStreams(before, after, NCCI_PTP, (change) => changes.push(change));
      return { summary, changes };
    };
    const fast = await diff(streamed(quarter.paths.before, 65_536), streamed(quarter.paths.after, 65_536));
    const slow = await diff(perLineAsync(quarter.paths.before), perLineAsync(quarter.paths.after));
    expect(fast).toEqual(slow);
    const { planted } = quarter;
    expect(fast.summary).toMatchObject({
      added: planted.added,
      deleted: planted.deleted + planted.removed,
      revised: planted.modifier,
    });
  });

  function perLineAsync(paths: readonly string[]): AsyncIterable<string> {
    return readPtpEdits(
      "ptp",
      parts(paths).map((part) => ({ name: part.name, lines: oneByOne(part.bytes) })),
    );
  }
});

describe("stored snapshot lines read in batches", () => {
  const lines = parsePtpEdits("ptp", [{ name: "f1", lines: EXCERPT.toString("latin1").split("\n") }]);
  const snapshot = { system: "ncci-ptp", version: "v322r0", fields: NCCI_PTP.fields, lines };

  it("give back the lines written, one at a time or in batches, from either encoder", async () => {
    const writer = new SnapshotWriter(snapshot);
    for (const line of lines) await writer.add(line);
    const streamedBytes = (await writer.finish()).bytes;
    for (const bytes of [encodeSnapshot(snapshot), streamedBytes]) {
      expect(await batchedLines(readSnapshotLines(bytes, "ncci-ptp"))).toEqual(lines);
      expect(await lineByLine(readSnapshotLines(bytes, "ncci-ptp"))).toEqual(lines);
    }
  });

  it("fail when cut off, miscounted or of another system", async () => {
    const bytes = encodeSnapshot(snapshot);
    await expect(
      batchedLines(readSnapshotLines(bytes.subarray(0, bytes.length - 9), "ncci-ptp")),
    ).rejects.toThrow(ParseError);
    const header = `{"format":"codecurrent-snapshot/1","system":"ncci-ptp","version":"v322r0","fields":${JSON.stringify(NCCI_PTP.fields)},"records":${lines.length}}`;
    await expect(
      batchedLines(readSnapshotLines(gzipSync(`${header}\n${lines.slice(1).join("\n")}\n`), "ncci-ptp")),
    ).rejects.toThrow(/metadata promises 154 records, the file holds 153/);
    await expect(batchedLines(readSnapshotLines(bytes, "icd10cm"))).rejects.toThrow(/expected icd10cm/);
  });
});
