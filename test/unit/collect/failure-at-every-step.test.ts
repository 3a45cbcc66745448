import { describe, expect, it } from "vitest";
import type { ChangeRecord } from "#shared/changes/change-record.js";
import { type CollectDependencies, collectSource } from "#shared/collect/collect-source.js";
import type { ReleaseCandidate } from "#shared/core/release.js";
import { recordedReleases } from "#shared/replay/recorded-releases.js";
import { loadReplayManifest } from "#shared/replay/replay-manifest.js";
import type { RunRecord } from "#shared/runs/run-record.js";
import { federalRegister, federalRegisterListingUrl } from "#shared/sources/federal-register.js";
import { hcpcs } from "#shared/sources/hcpcs.js";
import { ncciPtpPractitioner } from "#shared/sources/ncci-ptp.js";
import type { Source } from "#shared/sources/source.js";
import { collectDependenciesOn, type InMemoryStores, inMemoryStores } from "../../fakes/collect-stores.js";
import { FIXTURES_DIR, recordedDownload, recordedFiles } from "../../fakes/recorded-download.js";
import { fixtureBytes } from "../documents/document-fixtures.js";
import { recordedFetch } from "../sources/recorded-fetch.js";

const manifest = loadReplayManifest(FIXTURES_DIR);
const served = recordedFiles(manifest);
const [Q4_2024, Q4_2026] = (await recordedReleases(hcpcs, manifest)) as [ReleaseCandidate, ReleaseCandidate];
const [V321, V322] = (await recordedReleases(ncciPtpPractitioner, manifest)) as [
  ReleaseCandidate,
  ReleaseCandidate,
];
const LISTING = federalRegisterListingUrl();

/** A source collected once (`before`), then again (`after`): the run that may die anywhere. */
interface Scenario {
  readonly name: string;
  readonly source: Source;
  readonly before: (stores: InMemoryStores) => CollectRun;
  readonly after: (stores: InMemoryStores) => CollectRun;
  /** The version the source stands on once `after` is collected. */
  readonly current: string;
}

type CollectRun = { readonly deps: CollectDependencies; readonly release?: ReleaseCandidate };

const codeSetRun = (stores: InMemoryStores, release: ReleaseCandidate): CollectRun => ({
  deps: collectDependenciesOn(stores, { download: recordedDownload(served, { faults: stores.faults }) }),
  release,
});

const listingRun = (stores: InMemoryStores, fixture: string): CollectRun => ({
  deps: collectDependenciesOn(stores, { fetchDocument: recordedFetch({ [LISTING]: fixtureBytes(fixture) }) }),
});

const SCENARIOS: Scenario[] = [
  {
    name: "a new HCPCS quarter (code set in memory)",
    source: hcpcs,
    before: (stores) => codeSetRun(stores, Q4_2024),
    after: (stores) => codeSetRun(stores, Q4_2026),
    current: "HCPCS 2026 Q4",
  },
  {
    name: "a new NCCI PTP version (streamed code set)",
    source: ncciPtpPractitioner,
    before: (stores) => codeSetRun(stores, V321),
    after: (stores) => codeSetRun(stores, V322),
    current: "v322r0",
  },
  {
    name: "new Federal Register rules (documents)",
    source: federalRegister,
    before: (stores) => listingRun(stores, "federal-register/documents-cms-pfs-page1.earlier.derived.json"),
    after: (stores) => listingRun(stores, "federal-register/documents-cms-pfs-page1.json"),
    current: "",
  },
  {
    name: "a backfilled HCPCS quarter whose successor was the baseline",
    source: hcpcs,
    before: (stores) => codeSetRun(stores, Q4_2026),
    after: (stores) => codeSetRun(stores, Q4_2024),
    current: "HCPCS 2026 Q4",
  },
];

/** A run that dies may die before it can write its own run record: both are outcomes to survive. */
async function attempt(source: Source, run: CollectRun): Promise<RunRecord | Error> {
  try {
    return await collectSource(source, run.deps, run.release ? { release: run.release } : {});
  } catch (error) {
    return error as Error;
  }
}

/**
 * A change as a fact, without when or by which run it was found. A document set's release is
 * labelled by the moment it was read, which differs from one run to the next (and so does the
 * stored snapshot that carries the label): they are compared as a label and a snapshot.
 */
const READ_AT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/g;
const asFact = (value: unknown) => JSON.parse(JSON.stringify(value).replace(READ_AT, "<read at>"));
const fact = ({ detectedAt: _at, detectedDay: _day, runId: _run, ...rest }: ChangeRecord) => {
  const read = asFact(rest);
  if (read.version === "<read at>") read.evidence.snapshotKey = "<snapshot of that reading>";
  return read;
};
const facts = (changes: readonly ChangeRecord[]) =>
  changes.map(fact).sort((a, b) => String(a.id).localeCompare(String(b.id)));
const releaseRows = (stores: InMemoryStores, sourceId: string) =>
  stores.releases.releasesNow(sourceId).map((r) => asFact([r.version, r.status, r.baseline, r.history]));

/** What the run stores when nothing fails: the state every crash must come back to. */
async function cleanRun(scenario: Scenario) {
  const stores = inMemoryStores();
  await attempt(scenario.source, scenario.before(stores));
  const operationsBefore = stores.faults.operations.length;
  const run = await attempt(scenario.source, scenario.after(stores));
  if (run instanceof Error) throw run;
  return {
    run,
    operations: stores.faults.operations.slice(operationsBefore),
    changes: facts(stores.changes.stored()),
    releases: releaseRows(stores, scenario.source.id),
  };
}

describe("a run that dies at any step leaves the previous state or one the next run finishes", () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario.name}: dying at each of its operations, then retrying`, async () => {
      const clean = await cleanRun(scenario);
      expect(clean.run.status).toMatch(/succeeded|baseline/);
      expect(clean.changes.length).toBeGreaterThan(0);
      expect(clean.operations).toEqual(
        expect.arrayContaining(["runs.put", "releases.claim", "changes.write batch", "releases.complete"]),
      );

      for (let step = 1; step <= clean.operations.length; step++) {
        const where = `dying at operation ${step} (${clean.operations[step - 1]})`;
        const { source } = scenario;
        const stores = inMemoryStores();
        await attempt(source, scenario.before(stores));
        const before = stores.releases.stateNow(source.id);
        const itemsBefore = new Set(stores.releases.releasesNow(source.id).map((release) => release.item));

        stores.faults.failAtNext(step);
        const died = await attempt(source, scenario.after(stores));
        if (!(died instanceof Error)) expect(died.status, where).not.toBe("running");

        // Right after the crash: the source stands where it stood, or on the new release if the
        // completion got through; whatever was written belongs to the final result.
        const after = stores.releases.stateNow(source.id);
        if (after.currentReleaseKey !== before.currentReleaseKey) {
          expect(after.revision, where).toBe(before.revision + 1);
        } else {
          expect(after.revision, where).toBe(before.revision);
        }
        for (const change of facts(stores.changes.stored()))
          expect(clean.changes, where).toContainEqual(change);
        const claimed = stores.releases
          .releasesNow(source.id)
          .find((release) => !itemsBefore.has(release.item));

        stores.faults.heal();
        const retried = await attempt(source, scenario.after(stores));
        if (retried instanceof Error) throw new Error(`${where}: the retry failed: ${retried.message}`);
        expect(retried.status, where).toMatch(/succeeded|baseline|unchanged/);

        // After the retry: exactly what a clean run stores — each change once, no second release,
        // the source where it belongs — and every change found when the first attempt claimed it.
        expect(facts(stores.changes.stored()), where).toEqual(clean.changes);
        expect(releaseRows(stores, source.id), where).toEqual(clean.releases);
        if (scenario.current)
          expect(stores.releases.stateNow(source.id).currentVersion, where).toBe(scenario.current);
        const detected = new Set(stores.changes.stored().map((change) => change.detectedAt));
        expect(detected.size, where).toBe(1);
        if (claimed) expect([...detected], where).toEqual([claimed.detectedAt]);
      }
    });
  }
});
