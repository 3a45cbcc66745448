import { describe, expect, it } from "vitest";
import type { ChangeRecord } from "#shared/changes/change-record.js";
import { describeRun } from "#shared/cli/output/run-report.js";
import { collectSource } from "#shared/collect/collect-source.js";
import type { ReleaseCandidate } from "#shared/core/release.js";
import { ChangeIndex } from "#shared/digest/change-index.js";
import { interestProfile } from "#shared/digest/interest-profile.js";
import { recordedReleases } from "#shared/replay/recorded-releases.js";
import { loadReplayManifest } from "#shared/replay/replay-manifest.js";
import { hcpcs } from "#shared/sources/hcpcs.js";
import { icd10cm } from "#shared/sources/icd10cm.js";
import type { CodeSetSource } from "#shared/sources/source.js";
import { interestsSchema } from "#shared/subscribers/subscriber.js";
import { collectDependenciesOn, inMemoryStores } from "../../fakes/collect-stores.js";
import {
  FIXTURES_DIR,
  orderFileExcerpt,
  recordedDownload,
  recordedFiles,
} from "../../fakes/recorded-download.js";

const manifest = loadReplayManifest(FIXTURES_DIR);
const [FY2018, FY2019] = (await recordedReleases(icd10cm, manifest)) as [ReleaseCandidate, ReleaseCandidate];
// The ICD-10-CM years as their real-line excerpts (test/fixtures/codesets/cut-excerpts.ts): 32
// changes, P742 expanded to a header among them. The full years' counts are proven elsewhere.
const served = new Map(recordedFiles(manifest))
  .set(FY2018.files[0]!.url, orderFileExcerpt("icd10cm_order_2018"))
  .set(FY2019.files[0]!.url, orderFileExcerpt("icd10cm_order_2019"));
const [Q4_2024, Q4_2026] = (await recordedReleases(hcpcs, manifest)) as [ReleaseCandidate, ReleaseCandidate];

function onFakes() {
  const stores = inMemoryStores();
  return { stores, deps: collectDependenciesOn(stores, { download: recordedDownload(served) }) };
}

/** A change as a fact, without when or by which run it was found. */
const fact = ({
  detectedAt: _at,
  detectedDay: _day,
  runId: _run,
  history: _history,
  ...rest
}: ChangeRecord) => rest;
const facts = (changes: readonly ChangeRecord[]) =>
  changes.map(fact).sort((a, b) => a.id.localeCompare(b.id));

/** What collecting `older` then `newer` in order stores: the changes a backfill must arrive at. */
async function inOrder(source: CodeSetSource, older: ReleaseCandidate, newer: ReleaseCandidate) {
  const { stores, deps } = onFakes();
  await collectSource(source, deps, { release: older });
  const run = await collectSource(source, deps, { release: newer });
  return { run, changes: stores.changes.stored() };
}

/** Nothing in these changes reaches any digest: not a whole-system reader, not a source follower. */
function reachesNoDigest(changes: readonly ChangeRecord[], source: CodeSetSource) {
  const index = new ChangeIndex(changes);
  for (const interests of [{ codeSystems: [source.rules.system] }, { sources: [source.id] }]) {
    expect(index.match(interestProfile(interestsSchema.parse(interests)))).toEqual([]);
  }
}

describe("backfill: an older release collected after a newer one", () => {
  it("ICD-10-CM FY2018 after FY2019: FY2018 becomes the baseline and FY2019's real changes are stored as history", async () => {
    const expected = await inOrder(icd10cm, FY2018, FY2019);
    const { stores, deps } = onFakes();
    const first = await collectSource(icd10cm, deps, { release: FY2019 });
    expect(first.status).toBe("baseline");
    const stateBefore = stores.releases.stateNow("icd10cm");

    const backfill = await collectSource(icd10cm, deps, { release: FY2018 });
    expect(backfill).toMatchObject({ status: "baseline", version: "FY2018", history: true });
    expect(backfill.changesWritten).toBe(expected.changes.length);
    expect(backfill.reason).toMatch(/FY2019's 32 changes against FY2018 stored as history/);
    expect(describeRun(backfill)).toMatch(
      /baseline: 233 records recorded as the starting point; 32 changes of the release after it stored as history$/,
    );

    const stored = stores.changes.stored();
    expect(facts(stored)).toEqual(facts(expected.changes));
    expect(stored.every((change) => change.history && change.version === "FY2019")).toBe(true);
    expect(stored.find((change) => change.key === "P742")).toMatchObject({
      changeType: "deleted",
      reason: "expanded-to-header",
      previousVersion: "FY2018",
    });
    const [fy2018, fy2019] = stores.releases.releasesNow("icd10cm");
    expect(fy2018).toMatchObject({ version: "FY2018", status: "complete", baseline: true, history: true });
    expect(fy2019).toMatchObject({
      version: "FY2019",
      baseline: false,
      previousReleaseKey: fy2018!.releaseKey,
    });
    expect(fy2019!.summary).toEqual(expected.run.summary);

    const state = stores.releases.stateNow("icd10cm");
    expect(state).toMatchObject({
      currentVersion: "FY2019",
      currentReleaseKey: stateBefore.currentReleaseKey,
      revision: stateBefore.revision,
    });
    reachesNoDigest(stored, icd10cm);
  });

  it("a release between two collected ones is history against its predecessor; the current release does not move", async () => {
    // A middle quarter: the real 2026-Q4 file, served as if CMS had published it a year earlier.
    const url = "https://www.cms.gov/files/zip/october-2025-alpha-numeric-hcpcs-file.zip";
    const Q4_2025: ReleaseCandidate = {
      version: "2025-Q4",
      effectiveDate: "2025-10-01",
      files: [{ ...Q4_2026.files[0]!, url, alternateUrls: [] }],
    };
    const stores = inMemoryStores();
    const withMiddle = new Map(served).set(url, served.get(Q4_2026.files[0]!.url)!);
    const deps = collectDependenciesOn(stores, { download: recordedDownload(withMiddle) });
    await collectSource(hcpcs, deps, { release: Q4_2024 });
    await collectSource(hcpcs, deps, { release: Q4_2026 });
    const news = stores.changes.stored();
    const releasesBefore = stores.releases.releasesNow("hcpcs");
    const stateBefore = stores.releases.stateNow("hcpcs");

    const backfill = await collectSource(hcpcs, deps, { release: Q4_2025 });
    expect(backfill).toMatchObject({ status: "succeeded", previousVersion: "HCPCS 2024 Q4", history: true });
    const history = stores.changes.stored().filter((change) => change.version === "2025-Q4");
    expect(history.length).toBe(backfill.changesWritten);
    expect(history.length).toBe(news.length);
    expect(history.every((change) => change.history && change.previousVersion === "HCPCS 2024 Q4")).toBe(
      true,
    );
    // The news changes stay as they were; the releases around it are untouched.
    expect(stores.changes.stored().filter((change) => change.version === "HCPCS 2026 Q4")).toEqual(news);
    expect(stores.releases.releasesNow("hcpcs").filter((r) => r.version !== "2025-Q4")).toEqual(
      releasesBefore,
    );
    expect(stores.releases.stateNow("hcpcs")).toMatchObject({
      currentVersion: "HCPCS 2026 Q4",
      currentReleaseKey: stateBefore.currentReleaseKey,
      revision: stateBefore.revision,
      lastRunStatus: "succeeded",
    });
    reachesNoDigest(history, hcpcs);
    // The same index does serve the news: the digest test above is one that can fail.
    expect(
      new ChangeIndex(news).match(interestProfile(interestsSchema.parse({ sources: ["hcpcs"] }))),
    ).toHaveLength(news.length);
  });

  it("collecting the backfilled release again changes nothing", async () => {
    const { stores, deps } = onFakes();
    await collectSource(hcpcs, deps, { release: Q4_2026 });
    await collectSource(hcpcs, deps, { release: Q4_2024 });
    const stored = stores.changes.stored();
    const releases = stores.releases.releasesNow("hcpcs");
    const again = await collectSource(hcpcs, deps, { release: Q4_2024 });
    expect(again.status).toBe("unchanged");
    expect(stores.changes.stored()).toEqual(stored);
    expect(stores.releases.releasesNow("hcpcs")).toEqual(releases);
  });
});
