import { describe, expect, it } from "vitest";
import { collectSource } from "#shared/collect/collect-source.js";
import { codeSetStrategy } from "#shared/collect/strategies/codeset/code-set-strategy.js";
import { documentSetStrategy } from "#shared/collect/strategies/documents/document-set-strategy.js";
import { strategyFor } from "#shared/collect/strategies/registry.js";
import { streamedCodeSetStrategy } from "#shared/collect/strategies/streamed-codeset/streamed-code-set-strategy.js";
import type { ReleaseCandidate } from "#shared/core/release.js";
import { rawKey, sha256Hex } from "#shared/evidence/evidence-archive.js";
import { recordedReleases } from "#shared/replay/recorded-releases.js";
import { loadReplayManifest } from "#shared/replay/replay-manifest.js";
import { SOURCE_CATALOG } from "#shared/sources/catalog.js";
import { federalRegister, federalRegisterListingUrl } from "#shared/sources/federal-register.js";
import { hcpcs } from "#shared/sources/hcpcs.js";
import { icd10cm } from "#shared/sources/icd10cm.js";
import { ncciPtpPractitioner } from "#shared/sources/ncci-ptp.js";
import { collectDependenciesOn, inMemoryStores } from "../../fakes/collect-stores.js";
import {
  FIXTURES_DIR,
  orderFileExcerpt,
  recordedDownload,
  recordedFiles,
} from "../../fakes/recorded-download.js";
import { fixtureBytes } from "../documents/document-fixtures.js";
import { recordedFetch } from "../sources/recorded-fetch.js";

const manifest = loadReplayManifest(FIXTURES_DIR);
const [FY2018, FY2019] = (await recordedReleases(icd10cm, manifest)) as [ReleaseCandidate, ReleaseCandidate];
// The ICD-10-CM years as their real-line excerpts: CMS's counts on the full years are proven once,
// in test/unit/diff/diff-snapshots.test.ts, which also shows these excerpts' diff is the full one's.
const served = new Map(recordedFiles(manifest))
  .set(FY2018.files[0]!.url, orderFileExcerpt("icd10cm_order_2018"))
  .set(FY2019.files[0]!.url, orderFileExcerpt("icd10cm_order_2019"));
const [HCPCS_2024Q4, HCPCS_2026Q4] = (await recordedReleases(hcpcs, manifest)) as [
  ReleaseCandidate,
  ReleaseCandidate,
];
const [V321, V322] = (await recordedReleases(ncciPtpPractitioner, manifest)) as [
  ReleaseCandidate,
  ReleaseCandidate,
];

/** A collection on fresh in-memory stores, publishers answering from the recorded files. */
function onFakes(options: { conditional?: boolean } = {}) {
  const stores = inMemoryStores();
  const deps = collectDependenciesOn(stores, { download: recordedDownload(served, options) });
  return { stores, deps };
}

describe("the collection pipeline on in-memory stores", () => {
  it("chooses each catalog source's strategy by its kind", () => {
    const byKind = {
      codeset: codeSetStrategy,
      "streamed-codeset": streamedCodeSetStrategy,
      documents: documentSetStrategy,
    };
    for (const source of SOURCE_CATALOG) expect(strategyFor(source)).toBe(byKind[source.kind]);
  });

  it("records a source's first release as its baseline: archived, current, and no changes", async () => {
    const { stores, deps } = onFakes();
    const run = await collectSource(hcpcs, deps, { release: HCPCS_2024Q4 });
    expect(run).toMatchObject({
      status: "baseline",
      version: "HCPCS 2024 Q4",
      changesWritten: 0,
      history: false,
    });
    expect(run.reason).toMatch(/first release of hcpcs: recorded as the baseline/);
    expect(stores.changes.stored()).toHaveLength(0);
    const [release] = stores.releases.releasesNow("hcpcs");
    expect(release).toMatchObject({
      status: "complete",
      baseline: true,
      version: "HCPCS 2024 Q4",
      records: run.records,
    });
    expect(stores.releases.stateNow("hcpcs")).toMatchObject({
      currentVersion: "HCPCS 2024 Q4",
      currentReleaseKey: release!.releaseKey,
      lastRunStatus: "baseline",
    });
    const bytes = served.get(HCPCS_2024Q4.files[0]!.url)!.bytes;
    expect(release!.evidence.archiveKey).toBe(rawKey("hcpcs", sha256Hex(bytes)));
    expect(stores.archive.objects.get(release!.evidence.archiveKey)).toEqual(bytes);
    expect(stores.archive.objects.has(release!.evidence.snapshotKey!)).toBe(true);
    expect((await stores.runs.bySource("hcpcs")).map((r) => r.status)).toEqual(["baseline"]);
  });

  it("stores ICD-10-CM FY2019 against FY2018 as CMS counts it: valid codes new, deleted, revised; headers apart", async () => {
    const { stores, deps } = onFakes();
    await collectSource(icd10cm, deps, { release: FY2018 });
    const run = await collectSource(icd10cm, deps, { release: FY2019 });
    expect(run).toMatchObject({ status: "succeeded", version: "FY2019", previousVersion: "FY2018" });
    expect(run.summary).toMatchObject({
      added: 16,
      deleted: 6,
      revised: 8,
      headers: { added: 2, deleted: 0, revised: 0 },
      after: { records: 251, codes: 198 },
    });
    const stored = stores.changes.stored("icd10cm");
    expect(stored).toHaveLength(run.changesWritten!);
    expect(stored).toHaveLength(16 + 6 + 8 + 2);
    expect(stored.find((change) => change.key === "P742")).toMatchObject({
      changeType: "deleted",
      reason: "expanded-to-header",
      displayCode: "P74.2",
      systemLabel: "ICD-10-CM",
      family: "icd10cm",
      history: false,
      evidence: { url: FY2019.files[0]!.url, sha256: sha256Hex(served.get(FY2019.files[0]!.url)!.bytes) },
    });
    expect(new Set(stored.map((change) => change.detectedAt))).toEqual(new Set([run.startedAt]));
    expect(stores.releases.stateNow("icd10cm")).toMatchObject({ currentVersion: "FY2019", revision: 2 });
  });

  it("writes nothing when the same bytes are collected again, by 304 or by their sha256", async () => {
    for (const conditional of [true, false]) {
      const { stores, deps } = onFakes({ conditional });
      await collectSource(hcpcs, deps, { release: HCPCS_2024Q4 });
      await collectSource(hcpcs, deps, { release: HCPCS_2026Q4 });
      const before = {
        changes: stores.changes.stored(),
        releases: stores.releases.releasesNow("hcpcs"),
        objects: [...stores.archive.objects.keys()],
        revision: stores.releases.stateNow("hcpcs").revision,
      };
      const again = await collectSource(hcpcs, deps, { release: HCPCS_2026Q4 });
      expect(again).toMatchObject({ status: "unchanged", version: "HCPCS 2026 Q4" });
      expect(again.reason).toMatch(
        conditional ? /unchanged since it was collected \(HTTP 304\)/ : /already collected \(same sha256\)/,
      );
      expect(stores.changes.stored()).toEqual(before.changes);
      expect(stores.releases.releasesNow("hcpcs")).toEqual(before.releases);
      expect([...stores.archive.objects.keys()]).toEqual(before.objects);
      expect(stores.releases.stateNow("hcpcs")).toMatchObject({
        revision: before.revision,
        lastRunStatus: "unchanged",
      });
    }
  });

  it("streams NCCI PTP parts against the stored snapshot: each kind of edit change, filed under both codes", async () => {
    const { stores, deps } = onFakes();
    await collectSource(ncciPtpPractitioner, deps, { release: V321 });
    const run = await collectSource(ncciPtpPractitioner, deps, { release: V322 });
    expect(run).toMatchObject({ status: "succeeded", records: 154, changesWritten: 6 });
    const byKey = Object.fromEntries(
      stores.changes
        .stored()
        .map((c) => [c.key, [c.changeType, c.reason ?? "", c.displayCode, c.pairedCodeRef]]),
    );
    expect(byKey["0001U:81162"]).toEqual([
      "revised",
      "modifier-indicator-changed",
      "0001U + 81162",
      "ncci-ptp#81162",
    ]);
    expect(Object.keys(byKey).sort()).toEqual(
      ["0001A:0590T", "0001U:0029U", "0001U:81162", "0001U:81163", "0001U:81164", "0001U:81166"].sort(),
    );
  });

  it("compares a document listing with the current set: three new rules, then nothing new", async () => {
    const url = federalRegisterListingUrl();
    const stores = inMemoryStores();
    const listing = (fixture: string) =>
      collectDependenciesOn(stores, { fetchDocument: recordedFetch({ [url]: fixtureBytes(fixture) }) });
    const baseline = await collectSource(
      federalRegister,
      listing("federal-register/documents-cms-pfs-page1.earlier.derived.json"),
    );
    expect(baseline).toMatchObject({ status: "baseline", records: 17 });
    const run = await collectSource(
      federalRegister,
      listing("federal-register/documents-cms-pfs-page1.json"),
    );
    expect(run).toMatchObject({ status: "succeeded", summary: { added: 3, deleted: 0, revised: 0 } });
    expect(
      stores.changes
        .stored()
        .map((c) => c.key)
        .sort(),
    ).toEqual(["2026-13656", "2026-14327", "2026-15833"]);
    const again = await collectSource(
      federalRegister,
      listing("federal-register/documents-cms-pfs-page1.json"),
    );
    expect(again).toMatchObject({ status: "unchanged", reason: "no new or changed documents" });
    expect(stores.changes.stored()).toHaveLength(3);
  });
});
