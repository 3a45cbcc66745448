import type { CodeSetSource, ReleaseCandidate, ReleaseFile } from "../sources/source.js";

/** One file of a release, its data entry inflating as it is read. */
export interface ReleasePartStream {
  readonly file: ReleaseFile;
  /** Zip entry path, or the URL's last segment. */
  readonly name: string;
  readonly bytes: AsyncIterable<Buffer>;
}

/**
 * A code set too large to hold as a snapshot in a Lambda (NCCI PTP: millions of pairs). Collection
 * streams it: the parts are inflated while they are read, the lines are diffed against the stored
 * snapshot's lines as both arrive, and only the changes are kept. Small sources stay on `parse`.
 */
export interface StreamedCodeSetSource extends CodeSetSource {
  /**
   * Pure: the release's parts in order (each opened when the previous one is done) → snapshot
   * lines, sorted and unique by key. Throws `ParseError` while reading, before anything is stored.
   */
  readLines(parts: AsyncIterable<ReleasePartStream>, release: ReleaseCandidate): AsyncIterable<string>;
}

export function isStreamed(source: CodeSetSource): source is StreamedCodeSetSource {
  return typeof (source as Partial<StreamedCodeSetSource>).readLines === "function";
}
