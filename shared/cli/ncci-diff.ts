import { createReadStream } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { openEntryStream } from "../archive/zip.js";
import type { CodeChange, SnapshotDiff } from "../core/snapshot-diff.js";
import { diffLineStreams } from "../diff/diff-line-streams.js";
import { latin1Lines } from "../ncci/latin1-lines.js";
import { MUE_TABLES, type MueTable, parseMueFile } from "../ncci/mue-file.js";
import { NCCI_MUE } from "../ncci/mue-rules.js";
import { readPtpEdits } from "../ncci/ptp-file.js";
import { NCCI_PTP } from "../ncci/ptp-rules.js";
import { ncciMuePractitioner } from "../sources/ncci-mue.js";
import { ncciPtpPractitioner } from "../sources/ncci-ptp.js";
import { InputError } from "./exit-codes.js";

/**
 * `codecurrent diff --system ncci-ptp|ncci-mue`: each side is a file, a comma-separated list of
 * part files, or a folder of them (CMS's zips or the files inside, gzipped or not). PTP sides are
 * read and diffed as streams, so a whole quarter never sits in memory.
 */
export async function diffNcciReleases(
  oldSide: string,
  newSide: string,
  system: string,
): Promise<SnapshotDiff> {
  const [before, after] = await Promise.all([partsOf(oldSide), partsOf(newSide)]);
  try {
    if (system === NCCI_MUE.system) return await diffMue(before, after, oldSide, newSide);
    const changes: CodeChange[] = [];
    const summary = await diffLineStreams(
      readPtpEdits(oldSide, streamedParts(before)),
      readPtpEdits(newSide, streamedParts(after)),
      NCCI_PTP,
      (change) => changes.push(change),
    );
    return { system, fromVersion: versionOf(oldSide), toVersion: versionOf(newSide), summary, changes };
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError((error as Error).message);
  }
}

async function diffMue(
  before: string[],
  after: string[],
  oldSide: string,
  newSide: string,
): Promise<SnapshotDiff> {
  const { diffSnapshots } = await import("../diff/diff-snapshots.js");
  if (before.length !== 1 || after.length !== 1) throw new InputError("an MUE table is one file per side");
  const [was, now] = await Promise.all([readMue(before[0]!), readMue(after[0]!)]);
  return {
    ...diffSnapshots(was, now, NCCI_MUE),
    fromVersion: versionOf(oldSide),
    toVersion: versionOf(newSide),
  };
}

/** The table is recognised by its header, so any of the three can be given. */
async function readMue(path: string) {
  const bytes = await dataOf(path, ncciMuePractitioner.entryPatterns);
  const chunks: Buffer[] = [];
  for await (const chunk of bytes.stream) chunks.push(chunk as Buffer);
  const payload = { name: bytes.name, bytes: Buffer.concat(chunks) };
  let failure: unknown;
  for (const table of Object.keys(MUE_TABLES) as MueTable[]) {
    try {
      return parseMueFile(payload, table, basename(path));
    } catch (error) {
      failure = error;
      if (!/expected the .* table/.test((error as Error).message)) break;
    }
  }
  throw new InputError(`${path}: ${(failure as Error).message}`);
}

async function* streamedParts(paths: readonly string[]) {
  for (const path of paths) {
    const data = await dataOf(path, ncciPtpPractitioner.entryPatterns);
    yield { name: data.name, lines: latin1Lines(data.stream) };
  }
}

/** A part's bytes as a stream: the zip entry inflating, a gzip inflating, or the file itself. */
async function dataOf(
  path: string,
  patterns: readonly RegExp[],
): Promise<{ name: string; stream: Readable }> {
  const head = Buffer.alloc(4);
  const handle = await import("node:fs/promises").then((fs) => fs.open(path));
  try {
    await handle.read(head, 0, 4, 0);
  } finally {
    await handle.close();
  }
  if (head.readUInt32LE(0) === 0x04034b50) {
    try {
      const entry = await openEntryStream(await readFile(path), patterns);
      return { name: entry.name, stream: entry.stream };
    } catch (error) {
      throw new InputError(`${path}: ${(error as Error).message}`);
    }
  }
  const file = createReadStream(path);
  if (head[0] === 0x1f && head[1] === 0x8b)
    return { name: basename(path, ".gz"), stream: file.pipe(createGunzip()) };
  return { name: basename(path), stream: file };
}

async function partsOf(side: string): Promise<string[]> {
  const paths = side.split(",").filter(Boolean);
  const parts: string[] = [];
  for (const path of paths) {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch (error) {
      throw new InputError(
        `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
    if (info.isDirectory()) {
      const names = (await readdir(path)).filter((name) => !name.startsWith(".")).sort();
      parts.push(...names.map((name) => join(path, name)));
    } else {
      parts.push(path);
    }
  }
  if (parts.length === 0) throw new InputError(`${side}: no files`);
  return parts;
}

function versionOf(side: string): string {
  return side
    .split(",")
    .map((path) => basename(path))
    .join(",");
}
