import { Readable } from "node:stream";
import { openEntryStream } from "../../../archive/zip.js";
import { readSnapshotLines, SnapshotWriter } from "../../../codesets/snapshot-file.js";
import { hasBatches, lineBatches } from "../../../core/line-batches.js";
import type { ReleaseCandidate } from "../../../core/release.js";
import type { CodeChange } from "../../../core/snapshot-diff.js";
import { diffLineStreams } from "../../../diff/diff-line-streams.js";
import type { ReleasePartStream, StreamedCodeSetSource } from "../../../sources/source.js";
import type { ReleaseComparison } from "../../collection-strategy.js";
import type { FetchedReleaseFile } from "../../release-download.js";
import { NO_DEADLINE, type RunDeadline } from "../../run-deadline.js";

/**
 * A real quarter changes a few thousand NCCI edits; hundreds of thousands means a reshaped file
 * or a wholesale rewrite that someone must look at before it floods the change log and digests.
 */
export const MAX_STREAMED_CHANGES = 250_000;

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Reads the release's parts as their zip entries inflate, and diffs the parsed lines against the
 * stored previous snapshot's lines as both arrive: memory holds one batch of each side, the
 * compressed parts, the compressed snapshots and the changes, never a table.
 */
export async function compareStreamed(
  source: StreamedCodeSetSource,
  release: ReleaseCandidate,
  files: readonly FetchedReleaseFile[],
  previousSnapshot: Buffer | undefined,
  deadline: RunDeadline = NO_DEADLINE,
): Promise<ReleaseComparison> {
  const writer = new SnapshotWriter({
    system: source.rules.system,
    version: release.version,
    fields: source.rules.fields,
  });
  // Every line is also written to the new snapshot on its way to the diff. Readers that hand on
  // arrays keep doing so: one await per line would cost more than parsing the line.
  function kept(lines: AsyncIterable<string>): AsyncIterable<string> {
    if (hasBatches(lines)) {
      return lineBatches(
        async function* () {
          for await (const batch of lines.batches()) {
            // Millions of lines: the run stops itself here rather than being killed mid-way.
            deadline.check("reading the rest of the release");
            for (const line of batch) {
              const behind = writer.add(line);
              if (behind) await behind;
            }
            yield batch;
          }
        },
        lines.keysAscending ? { keysAscending: true } : {},
      );
    }
    return (async function* () {
      for await (const line of lines) {
        const behind = writer.add(line);
        if (behind) await behind;
        yield line;
      }
    })();
  }
  // Where each part begins, so each change points at the part file that holds it.
  const starts: string[] = [];
  const lines = kept(
    source.readLines(partStreams(source, release, files), release, {
      partStarts: (index, firstKey) => {
        starts[index] = firstKey;
      },
    }),
  );
  const partStarts = (): { partStarts?: readonly string[] } =>
    files.length > 1 && starts.filter(Boolean).length === files.length ? { partStarts: [...starts] } : {};
  if (previousSnapshot === undefined) {
    let codes = 0;
    const categoryOfLine = source.rules.categoryOfLine?.bind(source.rules);
    for await (const line of lines) {
      if (!categoryOfLine || categoryOfLine(line) === "code") codes++;
    }
    const { bytes, records } = await writer.finish();
    return { records, codes, encoded: bytes, ...partStarts() };
  }
  const changes: CodeChange[] = [];
  const summary = await diffLineStreams(
    readSnapshotLines(previousSnapshot, source.rules.system),
    lines,
    source.rules,
    (change) => {
      if (changes.length >= MAX_STREAMED_CHANGES) {
        throw new Error(
          `${source.id}: more than ${MAX_STREAMED_CHANGES} changes against the previous release, far beyond a quarter's churn: refused until someone looks`,
        );
      }
      changes.push(change);
    },
  );
  const { bytes, records } = await writer.finish();
  return {
    records,
    recordsBefore: summary.before.records,
    codes: summary.after.codes,
    encoded: bytes,
    diff: { summary, changes },
    ...partStarts(),
  };
}

/** Each part opened only when the parser has finished the previous one. */
async function* partStreams(
  source: StreamedCodeSetSource,
  release: ReleaseCandidate,
  files: readonly FetchedReleaseFile[],
): AsyncGenerator<ReleasePartStream> {
  for (const [index, fetched] of files.entries()) {
    const file = release.files[index] ?? { url: fetched.url };
    if (fetched.bytes.subarray(0, 4).equals(ZIP_MAGIC)) {
      const entry = await openEntryStream(fetched.bytes, file.entry ?? source.entryPatterns);
      yield { file, name: entry.name, bytes: entry.stream };
    } else {
      const name = new URL(fetched.url).pathname.split("/").pop() || fetched.url;
      yield { file, name, bytes: Readable.from([fetched.bytes]) };
    }
  }
}
