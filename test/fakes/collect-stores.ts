import type { CollectDependencies } from "#shared/collect/collect-source.js";
import type { DownloadRelease } from "#shared/collect/release-download.js";
import type { FetchDocument } from "#shared/sources/source.js";
import { Faults } from "./faults.js";
import { InMemoryChangeLog } from "./in-memory-change-log.js";
import { InMemoryEvidenceArchive } from "./in-memory-evidence-archive.js";
import { InMemoryReleaseStore } from "./in-memory-release-store.js";
import { InMemoryRunStore } from "./in-memory-run-store.js";

/** Every store a collection run uses, in memory, sharing one fault counter and one clock. */
export function inMemoryStores(faults = new Faults()) {
  return {
    faults,
    clock: steppingClock(),
    changes: new InMemoryChangeLog(faults),
    releases: new InMemoryReleaseStore(faults),
    runs: new InMemoryRunStore(faults),
    archive: new InMemoryEvidenceArchive(faults),
  };
}

export type InMemoryStores = ReturnType<typeof inMemoryStores>;

/** A clock that moves a minute on every reading, so each run starts at a moment of its own. */
export function steppingClock(start = "2026-10-01T06:00:00.000Z"): () => Date {
  let at = Date.parse(start);
  return () => {
    at += 60_000;
    return new Date(at);
  };
}

/** Collection dependencies on the in-memory stores; publishers fail unless given. */
export function collectDependenciesOn(
  stores: InMemoryStores,
  publishers: { download?: DownloadRelease; fetchDocument?: FetchDocument; now?: () => Date } = {},
): CollectDependencies {
  const { faults } = stores;
  return {
    changes: stores.changes,
    releases: stores.releases,
    runs: stores.runs,
    archive: stores.archive,
    download:
      publishers.download ??
      (async () => {
        throw new Error("no publisher in this test");
      }),
    fetchDocument: async (request) => {
      await faults.at("fetch");
      if (!publishers.fetchDocument) throw new Error(`no publisher in this test: ${request.url}`);
      return publishers.fetchDocument(request);
    },
    maxDeletionShare: 0.2,
    now: publishers.now ?? stores.clock,
  };
}
