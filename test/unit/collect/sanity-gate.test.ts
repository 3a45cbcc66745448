import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { collectSource } from "#shared/collect/collect-source.js";
import {
  checkSanity,
  DEFAULT_CODE_SET_LIMITS,
  DEFAULT_DOCUMENT_LIMITS,
  sanityLimitsOf,
} from "#shared/collect/sanity-gate.js";
import type { ReleaseCandidate } from "#shared/core/release.js";
import type { CodeChange } from "#shared/core/snapshot-diff.js";
import { recordedReleases } from "#shared/replay/recorded-releases.js";
import { loadReplayManifest } from "#shared/replay/replay-manifest.js";
import { federalRegister } from "#shared/sources/federal-register.js";
import { icd10cm } from "#shared/sources/icd10cm.js";
import { collectDependenciesOn, inMemoryStores } from "../../fakes/collect-stores.js";
import { FIXTURES_DIR, recordedDownload, recordedFiles } from "../../fakes/recorded-download.js";

function deletions(count: number, stillInFile = false): CodeChange[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `A${i}`,
    changeType: "deleted" as const,
    category: "code" as const,
    fields: [],
    before: { valid: "1" },
    ...(stillInFile ? { after: { valid: "1" } } : {}),
  }));
}

describe("sanity gate", () => {
  it("refuses a release that parsed to nothing", () => {
    expect(checkSanity({ sourceId: "icd10cm", recordsAfter: 0, maxDeletionShare: 0.2 })).toEqual({
      ok: false,
      reason: "icd10cm: the release parsed to 0 records",
    });
  });

  it("accepts a first release (baseline) of any size", () => {
    expect(checkSanity({ sourceId: "icd10cm", recordsAfter: 5, maxDeletionShare: 0.2 }).ok).toBe(true);
  });

  it("refuses a release removing more records than the limit allows, naming the share", () => {
    const verdict = checkSanity({
      sourceId: "hcpcs",
      recordsBefore: 100,
      recordsAfter: 79,
      changes: deletions(21),
      maxDeletionShare: 0.2,
    });
    expect(verdict).toEqual({
      ok: false,
      reason: "hcpcs: the release removes 21 of 100 records (21.0%), above the 20.0% limit",
    });
  });

  it("accepts deletions up to the limit", () => {
    const verdict = checkSanity({
      sourceId: "hcpcs",
      recordsBefore: 100,
      recordsAfter: 80,
      changes: deletions(20),
      maxDeletionShare: 0.2,
    });
    expect(verdict.ok).toBe(true);
  });

  it("does not count terminated codes that are still in the file as removed", () => {
    const verdict = checkSanity({
      sourceId: "hcpcs",
      recordsBefore: 100,
      recordsAfter: 100,
      changes: deletions(50, true),
      maxDeletionShare: 0.2,
    });
    expect(verdict.ok).toBe(true);
  });

  it("refuses a release that shrinks beyond the limit even when keys were swapped rather than deleted", () => {
    const verdict = checkSanity({
      sourceId: "icd10pcs",
      recordsBefore: 1000,
      recordsAfter: 700,
      changes: [],
      maxDeletionShare: 0.2,
    });
    expect(verdict).toMatchObject({ ok: false });
    expect(!verdict.ok && verdict.reason).toContain("shrinks from 1000 to 700 records (30.0%)");
  });
});

describe("sanity gate on revised and added shares", () => {
  const changes = (type: "revised" | "added", count: number): CodeChange[] =>
    Array.from({ length: count }, (_, i) => ({
      key: `B${i}`,
      changeType: type,
      category: "code" as const,
      fields: [],
      ...(type === "revised" ? { before: { title: "a" }, after: { title: "b" } } : { after: { title: "b" } }),
    }));

  it("refuses a release revising more than its share, naming the count and the limit", () => {
    const verdict = checkSanity({
      sourceId: "icd10cm",
      recordsBefore: 1000,
      recordsAfter: 1000,
      changes: changes("revised", 51),
      maxDeletionShare: 0.2,
      maxRevisedShare: 0.05,
    });
    expect(verdict).toEqual({
      ok: false,
      reason:
        "icd10cm: the release revises 51 of 1000 records (5.1%), above the 5.0% limit: a garbled or re-laid-out file, not a release",
    });
  });

  it("refuses a release adding more than its share", () => {
    const verdict = checkSanity({
      sourceId: "icd10pcs",
      recordsBefore: 1000,
      recordsAfter: 1101,
      changes: changes("added", 101),
      maxDeletionShare: 0.2,
      maxAddedShare: 0.1,
    });
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.reason).toMatch(
      /adds 101 records to 1000 \(10\.1%\), above the 10\.0% limit/,
    );
  });

  it("accepts shares up to the limit, and judges no share of a handful of records", () => {
    const within = { sourceId: "x", recordsBefore: 1000, recordsAfter: 1000, maxDeletionShare: 0.2 };
    expect(checkSanity({ ...within, changes: changes("revised", 50), maxRevisedShare: 0.05 }).ok).toBe(true);
    expect(checkSanity({ ...within, changes: changes("added", 100), maxAddedShare: 0.1 }).ok).toBe(true);
    // One of a two-item work plan revised is 50%, and says nothing.
    expect(
      checkSanity({
        ...within,
        recordsBefore: 2,
        recordsAfter: 2,
        changes: changes("revised", 1),
        maxRevisedShare: 0.05,
      }).ok,
    ).toBe(true);
  });

  it("takes a source's limits from its kind, then the source, then the operator", () => {
    expect(sanityLimitsOf(icd10cm, 0.2)).toEqual({ maxDeletionShare: 0.2, ...DEFAULT_CODE_SET_LIMITS });
    expect(sanityLimitsOf(federalRegister, 0.2)).toEqual({
      maxDeletionShare: 0.2,
      ...DEFAULT_DOCUMENT_LIMITS,
    });
    expect(sanityLimitsOf(icd10cm, 0.2, { icd10cm: { maxRevisedShare: 0.5 } })).toMatchObject({
      maxRevisedShare: 0.5,
      maxAddedShare: DEFAULT_CODE_SET_LIMITS.maxAddedShare,
    });
  });
});

describe("a garbled release of the real FY2019 ICD-10-CM file", () => {
  it("is refused with a clear reason, and the FY2018 release stays current with nothing written", async () => {
    const manifest = loadReplayManifest(FIXTURES_DIR);
    const served = recordedFiles(manifest);
    const [FY2018, FY2019] = (await recordedReleases(icd10cm, manifest)) as [
      ReleaseCandidate,
      ReleaseCandidate,
    ];
    // The real FY2019 order file itself (the replay serves it zipped behind a constructed addenda).
    const real = {
      name: "icd10cm_order_2019.txt",
      bytes: gunzipSync(readFileSync(path.join(FIXTURES_DIR, "codesets/icd10cm_order_2019.txt.gz"))),
    };
    // Every title garbled (rot13 from the short title's column on), codes and layout untouched.
    const garbled = Buffer.from(
      real.bytes
        .toString("latin1")
        .split("\n")
        .map((line) => (line.length > 16 ? line.slice(0, 16) + rot13(line.slice(16)) : line))
        .join("\n"),
      "latin1",
    );
    served.set(FY2019.files[0]!.url, { ...real, bytes: garbled });
    const stores = inMemoryStores();
    const deps = collectDependenciesOn(stores, { download: recordedDownload(served) });
    expect((await collectSource(icd10cm, deps, { release: FY2018 })).status).toBe("baseline");

    const run = await collectSource(icd10cm, deps, { release: FY2019 });

    expect(run.status).toBe("failed");
    expect(run.reason).toMatch(
      /^icd10cm: the release revises \d{2},?\d{3} of \d{2},?\d{3} records \(9\d\.\d%\), above the 5\.0% limit: a garbled or re-laid-out file, not a release$/,
    );
    expect(Number(/revises (\d+)/.exec(run.reason!)![1])).toBeGreaterThan(70_000);
    expect(stores.changes.stored()).toHaveLength(0);
    expect(stores.releases.stateNow("icd10cm").currentVersion).toBe("FY2018");
  });
});

function rot13(text: string): string {
  return text.replace(/[a-z]/gi, (c) => {
    const base = c <= "Z" ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
}
