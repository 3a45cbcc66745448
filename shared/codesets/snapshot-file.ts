import { gunzipSync, gzipSync } from "node:zlib";
import { z } from "zod";
import { ParseError } from "../sources/parse-error.js";
import type { CodeSetSnapshot } from "./snapshot.js";

/** Bumped when the line format changes, so an old stored snapshot is never misread. */
export const SNAPSHOT_FORMAT = "codecurrent-snapshot/1";

const Metadata = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  system: z.string().min(1),
  version: z.string().min(1),
  fields: z.array(z.string()),
  records: z.number().int().nonnegative(),
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
    throw new ParseError(
      source,
      `not a complete gzip stream (${(error as Error).message}); expected ${SNAPSHOT_FORMAT}`,
    );
  }
  if (!text.endsWith("\n")) throw new ParseError(source, "the last line is cut off");
  const lines = text.slice(0, -1).split("\n");
  const first = lines.shift() ?? "";
  let metadata: z.infer<typeof Metadata>;
  try {
    metadata = Metadata.parse(JSON.parse(first));
  } catch (error) {
    throw new ParseError(
      source,
      `first line is not ${SNAPSHOT_FORMAT} metadata: ${(error as Error).message}`,
      1,
    );
  }
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
