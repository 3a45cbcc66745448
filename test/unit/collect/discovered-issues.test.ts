import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { collectSource } from "#shared/collect/collect-source.js";
import { loadReplayManifest } from "#shared/replay/replay-manifest.js";
import { icd10cm } from "#shared/sources/icd10cm.js";
import { collectDependenciesOn, inMemoryStores } from "../../fakes/collect-stores.js";
import { FIXTURES_DIR, recordedDownload, recordedFiles } from "../../fakes/recorded-download.js";
import { recordedFetch } from "../sources/recorded-fetch.js";

/**
 * Scheduled runs of ICD-10-CM with no release named: each finds its releases on the recorded
 * publisher pages (constructed in CMS's layout) and collects the issues published since the
 * current one, oldest first, one per run, each diffed against the one before.
 */
const manifest = loadReplayManifest(FIXTURES_DIR);
const pages = Object.fromEntries(
  manifest.pages.map((page) => {
    const bytes = readFileSync(path.join(FIXTURES_DIR, page.fixture));
    return [page.url, page.fixture.endsWith(".gz") ? gunzipSync(bytes) : bytes];
  }),
);
const TIMEOUT_MS = 120_000;

function publishers() {
  const stores = inMemoryStores();
  const deps = collectDependenciesOn(stores, {
    download: recordedDownload(recordedFiles(manifest)),
    fetchDocument: recordedFetch(pages),
  });
  return { stores, deps };
}

describe("every issue of a fiscal year, found on the publishers' pages", () => {
  it(
    "collects each issue published since the current one in turn, and passes over a re-issue with nothing new",
    async () => {
      const { stores, deps } = publishers();
      const [fy2018] = (await icd10cm.discover!(new Date(), { fetchText: recordedFetch(pages) })).releases;
      await collectSource(icd10cm, deps, { release: fy2018! });

      const october = await collectSource(icd10cm, deps);
      expect(october).toMatchObject({ status: "succeeded", version: "FY2019", previousVersion: "FY2018" });
      expect(october.summary).toMatchObject({ added: 279, deleted: 51, revised: 143 });
      // CMS's own counts, from the addenda the zip lists first, agree with the diff.
      expect(october.publisherCheck).toMatchObject({ status: "agrees" });

      const reissue = await collectSource(icd10cm, deps);
      expect(reissue).toMatchObject({
        status: "succeeded",
        version: "FY2019, updated 2018-12-16",
        previousVersion: "FY2019",
        summary: { added: 6, deleted: 1, revised: 0 },
      });

      const april = await collectSource(icd10cm, deps);
      expect(april.status).toBe("unchanged");
      expect(april.reason).toContain(
        "FY2019 April 1 update holds the very same records as FY2019, updated 2018-12-16: a re-issue with nothing new",
      );
      expect(stores.releases.releasesNow("icd10cm").map((release) => release.version)).toEqual([
        "FY2018",
        "FY2019",
        "FY2019, updated 2018-12-16",
      ]);
      expect(stores.releases.stateNow("icd10cm").currentVersion).toBe("FY2019, updated 2018-12-16");
      expect((await collectSource(icd10cm, deps)).status).toBe("unchanged");
    },
    TIMEOUT_MS,
  );

  it(
    "takes the newest issue as a source's baseline on its first run",
    async () => {
      const { deps } = publishers();
      const first = await collectSource(icd10cm, deps);
      expect(first).toMatchObject({ status: "baseline", version: "FY2019 April 1 update" });
    },
    TIMEOUT_MS,
  );
});
