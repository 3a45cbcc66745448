import { once } from "node:events";
import { Readable } from "node:stream";
import { createGunzip, createGzip, type Gzip, gunzipSync, gzipSync } from "node:zlib";
// zod/mini: the same checks without the full library's ~400 KB in every Lambda bundle.
import * as z from "zod/mini";
import { type LineBatches, lineBatches } from "../core/line-batches.js";
import { ParseError } from "../core/parse-error.js";
import type { CodeSetSnapshot } from "../core/snapshot.js";

/** Bumped when the line format changes, so an old stored snapshot is never misread. */
export const SNAPSHOT_FORMAT = "codecurrent-snapshot/1";

const Metadata = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  system: z.string().check(z.minLength(1)),
  version: z.string().check(z.minLength(1)),
  fields: z.array(z.string()),
  records: z.int().check(z.nonnegative()),
});

/**
 * A parsed snapshot as stored in S3: gzip of one JSON metadata line, then the snapshot lines.
 * The record count in the metadata is what makes a cut-off object detectable.
 */
export function encodeSnapshot(snapshot: CodeSetSnapshot): Buffer {
  const metadata: z.infer<typeof Metadata> = {
    format: SNAPSHOT_FORMAT,
    system: snapshot.system,
    version: snapshot.version,
    fields: [...snapshot.fields],
    records: snapshot.lines.length,
  };
  const body = snapshot.lines.length === 0 ? "" : `\n${snapshot.lines.join("\n")}`;
  return gzipSync(`${JSON.stringify(metadata)}${body}\n`);
}

export function decodeSnapshot(bytes: Buffer): CodeSetSnapshot {
  const source = "stored snapshot";
  let text: string;
  try {
    text = gunzipSync(bytes).toString("utf8");
  } catch (error) {
    throw notGzip(error);
  }
  if (!text.endsWith("\n")) throw new ParseError(source, "the last line is cut off");
  const lines = text.slice(0, -1).split("\n");
  const metadata = metadataOf(lines.shift() ?? "");
  if (lines.length !== metadata.records) {
    throw new ParseError(
      source,
      `metadata promises ${metadata.records} records, the file holds ${lines.length}`,
    );
  }
  for (let i = 1; i < lines.length; i++) {
    if (!(lines[i - 1]! < lines[i]!)) {
      throw new ParseError(source, "lines are not sorted and unique by key", i + 2);
    }
  }
  return { system: metadata.system, version: metadata.version, fields: metadata.fields, lines };
}

/**
 * Encodes a snapshot whose lines arrive one by one (NCCI PTP: millions), without holding them:
 * lines are gzipped as they come and the metadata line, whose record count is only known at the
 * end, is prepended as its own gzip member. Gunzipped, the bytes are the very format above.
 */
export class SnapshotWriter {
  private readonly gzip: Gzip = createGzip();
  private readonly compressed: Buffer[] = [];
  private pending = "";
  private records = 0;

  constructor(private readonly header: { system: string; version: string; fields: readonly string[] }) {
    this.gzip.on("data", (chunk: Buffer) => this.compressed.push(chunk));
  }

  /** A promise only when zlib is behind: awaiting it keeps memory bounded without a wait per line. */
  add(line: string): Promise<unknown> | undefined {
    this.pending += `\n${line}`;
    this.records++;
    if (this.pending.length < 1 << 16) return undefined;
    const full = !this.gzip.write(this.pending);
    this.pending = "";
    return full ? once(this.gzip, "drain") : undefined;
  }

  async finish(): Promise<{ bytes: Buffer; records: number }> {
    const ended = once(this.gzip, "end");
    this.gzip.end(`${this.pending}\n`);
    await ended;
    const metadata: z.infer<typeof Metadata> = {
      format: SNAPSHOT_FORMAT,
      system: this.header.system,
      version: this.header.version,
      fields: [...this.header.fields],
      records: this.records,
    };
    // With no records the body is the metadata's own line end.
    const head = gzipSync(JSON.stringify(metadata));
    return { bytes: Buffer.concat([head, ...this.compressed]), records: this.records };
  }
}

/**
 * The lines of a stored snapshot as they inflate, metadata checked first and the record count
 * and order at the end: a cut-off object fails here instead of reading as mass deletion. Lines
 * are handed on an inflated chunk at a time ({@link LineBatches}), not awaited one by one.
 */
export function readSnapshotLines(bytes: Buffer, system: string): LineBatches {
  return lineBatches(() => snapshotLineArrays(bytes, system));
}

async function* snapshotLineArrays(bytes: Buffer, system: string): AsyncGenerator<string[]> {
  const source = "stored snapshot";
  let metadata: z.infer<typeof Metadata> | undefined;
  let rest = "";
  let count = 0;
  let previous = "";
  try {
    const inflated = Readable.from([bytes]).pipe(createGunzip());
    // Decoded as a stream, so a character split across two chunks is still one character.
    inflated.setEncoding("utf8");
    for await (const chunk of inflated as AsyncIterable<string>) {
      const lines = (rest + chunk).split("\n");
      rest = lines.pop() ?? "";
      if (metadata === undefined) {
        if (lines.length === 0) continue;
        metadata = metadataOf(lines.shift()!, system);
      }
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!;
        count++;
        if (count > 1 && !(previous < line)) {
          throw new ParseError(source, "lines are not sorted and unique by key", count + 1);
        }
        previous = line;
      }
      if (lines.length > 0) yield lines;
    }
  } catch (error) {
    if (error instanceof ParseError) throw error;
    throw notGzip(error);
  }
  if (rest !== "") throw new ParseError(source, "the last line is cut off");
  if (metadata === undefined) throw new ParseError(source, "empty: no metadata line");
  if (count !== metadata.records) {
    throw new ParseError(source, `metadata promises ${metadata.records} records, the file holds ${count}`);
  }
}

/** The metadata line, checked; with `system`, also that the snapshot holds that system's lines. */
function metadataOf(line: string, system?: string): z.infer<typeof Metadata> {
  const source = "stored snapshot";
  let metadata: z.infer<typeof Metadata>;
  try {
    metadata = Metadata.parse(JSON.parse(line));
  } catch (error) {
    throw new ParseError(
      source,
      `first line is not ${SNAPSHOT_FORMAT} metadata: ${(error as Error).message}`,
      1,
    );
  }
  if (system !== undefined && metadata.system !== system) {
    throw new ParseError(source, `holds ${metadata.system} lines, expected ${system}`, 1);
  }
  return metadata;
}

function notGzip(error: unknown): ParseError {
  return new ParseError(
    "stored snapshot",
    `not a complete gzip stream (${(error as Error).message}); expected ${SNAPSHOT_FORMAT}`,
  );
}
