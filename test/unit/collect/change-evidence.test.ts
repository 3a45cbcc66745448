import { describe, expect, it } from "vitest";
import { partHolding } from "#shared/collect/change-evidence.js";
import { collectSource } from "#shared/collect/collect-source.js";
import { releaseSha256 } from "#shared/collect/release-download.js";
import type { ReleaseCandidate } from "#shared/core/release.js";
import { rawKey, sha256Hex } from "#shared/evidence/evidence-archive.js";
import { recordedReleases } from "#shared/replay/recorded-releases.js";
import { loadReplayManifest } from "#shared/replay/replay-manifest.js";
import { cmsTransmittals } from "#shared/sources/cms-transmittals.js";
import { federalRegister, federalRegisterListingUrl } from "#shared/sources/federal-register.js";
import { ncciPtpPractitioner } from "#shared/sources/ncci-ptp.js";
import { oigWorkplan } from "#shared/sources/oig-workplan.js";
import { collectDependenciesOn, type InMemoryStores, inMemoryStores } from "../../fakes/collect-stores.js";
import { FIXTURES_DIR, recordedDownload, recordedFiles } from "../../fakes/recorded-download.js";
import { fixtureBytes } from "../documents/document-fixtures.js";
import { recordedFetch } from "../sources/recorded-fetch.js";

const manifest = loadReplayManifest(FIXTURES_DIR);
const served = recordedFiles(manifest);
const [V321, V322] = (await recordedReleases(ncciPtpPractitioner, manifest)) as [
  ReleaseCandidate,
  ReleaseCandidate,
];
const LISTING = federalRegisterListingUrl();
const EARLIER = "federal-register/documents-cms-pfs-page1.earlier.derived.json";
const NEWER = "federal-register/documents-cms-pfs-page1.json";

/** Every change's evidence, read back from the archive, hashes to the sha256 it shows. */
async function expectEvidenceHashes(stores: InMemoryStores, sourceId: string) {
  const changes = stores.changes.stored(sourceId);
  expect(changes.length).toBeGreaterThan(0);
  for (const change of changes) {
    for (const file of [change.evidence, ...(change.moreEvidence ?? [])]) {
      expect(file.archiveKey).toBe(rawKey(sourceId, file.sha256));
      expect(sha256Hex(await stores.archive.get(file.archiveKey))).toBe(file.sha256);
    }
  }
}

describe("each change points at the archived file it came from", () => {
  it("an NCCI edit points at its own part, and the release's identity is kept apart from the parts' hashes", async () => {
    const stores = inMemoryStores();
    const deps = collectDependenciesOn(stores, { download: recordedDownload(served) });
    await collectSource(ncciPtpPractitioner, deps, { release: V321 });
    const run = await collectSource(ncciPtpPractitioner, deps, { release: V322 });
    expect(run.status).toBe("succeeded");

    const parts = V322.files.map((file) => served.get(file.url)!.bytes);
    const partHashes = parts.map(sha256Hex);
    const release = stores.releases.releasesNow(ncciPtpPractitioner.id).find((r) => r.version === "v322r0")!;
    expect(release.files?.map((file) => file.sha256)).toEqual(partHashes);
    expect(release.partStarts).toEqual(["0001A:0591T", "0001M:36591"]);
    // "Already collected" is the hash of the parts' hashes: never shown as a file's sha256.
    expect(release.identity).toBe(
      releaseSha256(parts.map((bytes, i) => ({ url: "", fetchedAt: "", bytes, sha256: partHashes[i]! }))),
    );
    expect(partHashes).not.toContain(release.identity);
    expect(release.evidence.sha256).toBe(partHashes[0]);

    const partOf = Object.fromEntries(
      stores.changes.stored().map((change) => [change.key, partHashes.indexOf(change.evidence.sha256)]),
    );
    // A deleted edit sorting before part 1's first row still lives in part 1's range.
    expect(partOf).toEqual({
      "0001A:0590T": 0,
      "0001U:0029U": 1,
      "0001U:81162": 1,
      "0001U:81163": 1,
      "0001U:81164": 1,
      "0001U:81166": 1,
    });
    await expectEvidenceHashes(stores, ncciPtpPractitioner.id);
  });

  it("finds the part whose range holds a key", () => {
    const starts = ["0001A:0591T", "0001M:36591", "2000F:99999"];
    expect(partHolding(starts, "0001A:0001T")).toBe(0);
    expect(partHolding(starts, "0001A:0591T")).toBe(0);
    expect(partHolding(starts, "0001M:36591")).toBe(1);
    expect(partHolding(starts, "1000Z:00000")).toBe(1);
    expect(partHolding(starts, "J9999:00000")).toBe(2);
  });

  it("a Federal Register rule points at the API response that listed it", async () => {
    const stores = inMemoryStores();
    const listing = (fixture: string) =>
      collectDependenciesOn(stores, { fetchDocument: recordedFetch({ [LISTING]: fixtureBytes(fixture) }) });
    await collectSource(federalRegister, listing(EARLIER));
    await collectSource(federalRegister, listing(NEWER));
    const changes = stores.changes.stored(federalRegister.id);
    expect(new Set(changes.map((change) => change.evidence.sha256))).toEqual(
      new Set([sha256Hex(fixtureBytes(NEWER))]),
    );
    await expectEvidenceHashes(stores, federalRegister.id);
  });

  it("a work plan item removed from the export points at the export that no longer lists it", async () => {
    const url = "https://oig.hhs.gov/workplan/export-workplan/";
    const stores = inMemoryStores();
    const exported = (fixture: string) =>
      collectDependenciesOn(stores, { fetchDocument: recordedFetch({ [url]: fixtureBytes(fixture) }) });
    await collectSource(oigWorkplan, exported("oig-workplan/export-workplan.earlier.derived.csv"));
    await collectSource(oigWorkplan, exported("oig-workplan/export-workplan.excerpt.csv"));
    const latest = sha256Hex(fixtureBytes("oig-workplan/export-workplan.excerpt.csv"));
    for (const change of stores.changes.stored(oigWorkplan.id)) expect(change.evidence.sha256).toBe(latest);
    await expectEvidenceHashes(stores, oigWorkplan.id);
  });
});

describe("a document says what it is", () => {
  it("the IPPS final rule takes effect on its effective_on, not on the day it was collected", async () => {
    const stores = inMemoryStores();
    const listing = (fixture: string) =>
      collectDependenciesOn(stores, {
        fetchDocument: recordedFetch({ [LISTING]: fixtureBytes(fixture) }),
        now: () => new Date("2026-12-01T12:00:00.000Z"),
      });
    await collectSource(federalRegister, listing(EARLIER));
    await collectSource(federalRegister, listing(NEWER));
    const byKey = Object.fromEntries(stores.changes.stored().map((change) => [change.key, change]));
    expect(byKey["2026-15833"]).toMatchObject({
      effectiveDate: "2026-10-01",
      document: { type: "Final rule", dateLabel: "effective" },
    });
    expect(byKey["2026-15833"]!.document!.officialUrl).toMatch(
      /^https:\/\/www\.federalregister\.gov\/documents\/2026\/08\/04\/2026-15833\//,
    );
    // A proposed rule gives no effective date: none is made up.
    expect(byKey["2026-14327"]).toMatchObject({ effectiveDate: "", document: { type: "Proposed rule" } });
    for (const change of stores.changes.stored()) expect(change.effectiveDate).not.toBe("2026-12-01");
  });
});

describe("a document release is named by its content", () => {
  it("a run that died before completing is finished by the next day's run with the same items", async () => {
    const stores = inMemoryStores();
    const listing = (fixture: string, day: string) =>
      collectDependenciesOn(stores, {
        fetchDocument: recordedFetch({ [LISTING]: fixtureBytes(fixture) }),
        now: () => new Date(`${day}T12:00:00.000Z`),
      });
    await collectSource(federalRegister, listing(EARLIER, "2026-08-03"));
    // Dies at the completion: every change is written, the release is still pending.
    const died = listing(NEWER, "2026-08-05");
    const dying = { ...died, releases: Object.assign(Object.create(stores.releases), { complete: fail }) };
    expect((await collectSource(federalRegister, dying)).status).toBe("failed");
    const written = stores.changes.stored().map((change) => change.id);
    expect(written).toHaveLength(3);

    const retried = await collectSource(federalRegister, listing(NEWER, "2026-08-06"));
    expect(retried.status).toBe("succeeded");
    expect(
      stores.changes
        .stored()
        .map((change) => change.id)
        .sort(),
    ).toEqual([...written].sort());
    const releases = stores.releases.releasesNow(federalRegister.id);
    expect(releases.map((release) => release.status)).toEqual(["complete", "complete"]);
    // Dated by the newest rule it lists, not by either run's day.
    expect(releases.map((release) => release.effectiveDate).sort()).toEqual(["2026-07-06", "2026-08-04"]);
  });

  it("two runs that overlap write each change once, and neither fails", async () => {
    const stores = inMemoryStores();
    const listing = (fixture: string) =>
      collectDependenciesOn(stores, { fetchDocument: recordedFetch({ [LISTING]: fixtureBytes(fixture) }) });
    await collectSource(federalRegister, listing(EARLIER));
    const runs = await Promise.all([
      collectSource(federalRegister, listing(NEWER)),
      collectSource(federalRegister, listing(NEWER)),
    ]);
    expect(runs.map((run) => run.status).sort()).toEqual(["succeeded", "unchanged"]);
    expect(runs.find((run) => run.status === "unchanged")!.reason).toMatch(
      /collected by a run that overlapped/,
    );
    expect(stores.changes.stored()).toHaveLength(3);
    expect(stores.releases.releasesNow(federalRegister.id)).toHaveLength(2);
  });

  it("a transmittal points at its detail page, then the listing that named it", async () => {
    const stores = inMemoryStores();
    const page = "https://www.cms.gov/medicare/regulations-guidance/transmittals";
    const listing2026 = `${page}/2026-transmittals`;
    const fetchAt = (listing: string) =>
      recordedFetch({
        [page]: fixtureBytes("cms-transmittals/transmittals-page.constructed.html"),
        [listing2026]: fixtureBytes(listing),
        [`${listing2026}/r13924cp`]: fixtureBytes(
          "cms-transmittals/cms_transmittal_r13924cp.main.excerpt.html",
        ),
        [`${listing2026}/r99901cp`]: fixtureBytes("cms-transmittals/r99901cp.constructed.html"),
      });
    await collectSource(
      cmsTransmittals,
      collectDependenciesOn(stores, {
        fetchDocument: fetchAt("cms-transmittals/listing-2026.earlier.constructed.html"),
      }),
    );
    await collectSource(
      cmsTransmittals,
      collectDependenciesOn(stores, {
        fetchDocument: fetchAt("cms-transmittals/listing-2026.constructed.html"),
      }),
    );
    const [added] = stores.changes.stored(cmsTransmittals.id);
    expect(added!.evidence.sha256).toBe(
      sha256Hex(fixtureBytes("cms-transmittals/r99901cp.constructed.html")),
    );
    expect(added!.moreEvidence?.map((file) => file.sha256)).toEqual([
      sha256Hex(fixtureBytes("cms-transmittals/listing-2026.constructed.html")),
    ]);
    await expectEvidenceHashes(stores, cmsTransmittals.id);
  });
});

async function fail(): Promise<never> {
  throw new Error("Task timed out after 300.00 seconds");
}
