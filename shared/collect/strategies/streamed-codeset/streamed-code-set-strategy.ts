import type { StreamedCodeSetSource } from "../../../sources/source.js";
import type { CollectionStrategy } from "../../collection-strategy.js";
import { storedSnapshotBytes } from "../../stored-snapshot.js";
import { obtainPublishedRelease, type PublishedRelease } from "../codeset/published-release.js";
import { compareStreamed } from "./streamed-comparison.js";

/**
 * Code sets too large to hold (NCCI PTP: millions of edits): the release's zips are kept as
 * fetched and their entries inflate while the lines are diffed against the stored snapshot's.
 */
export const streamedCodeSetStrategy: CollectionStrategy<StreamedCodeSetSource, PublishedRelease> = {
  obtain: (source, run) => obtainPublishedRelease(source, run, { keepZipped: true }),

  async compare(source, { release, files }, previous, { deps, deadline }) {
    const before = previous ? await storedSnapshotBytes(deps.archive, previous) : undefined;
    return compareStreamed(source, release, files, before, deadline);
  },
};
