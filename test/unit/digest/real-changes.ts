import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import type { ChangeRecord } from "#shared/changes/change-record.js";
import { toChangeRecords } from "#shared/changes/from-diff.js";
import { ICD10CM, ICD10PCS, parseIcd10OrderFile } from "#shared/codesets/icd10-order-file.js";
import type { CodeSystemRules } from "#shared/core/code-system.js";
import type { ReleasePayload } from "#shared/core/release.js";
import type { SnapshotDiff } from "#shared/core/snapshot-diff.js";
import { diffSnapshots } from "#shared/diff/diff-snapshots.js";
import { loadReplayManifest, type ReplayRelease } from "#shared/replay/replay-manifest.js";
import type { CodeSetSource } from "#shared/sources/source.js";

const CODESETS = fileURLToPath(new URL("../../fixtures/codesets/", import.meta.url));

const diffs = new Map<string, SnapshotDiff>();

/**
 * The real change records of a recorded release pair (ICD-10-CM FY2018→FY2019, ICD-10-PCS
 * FY2017→FY2018), built by the same parse, diff and record code the collector runs, without storage.
 * Each year pair is parsed and diffed once per process, whichever test file asks first (the unit
 * tests share their modules), and every caller gets records of its own.
 */
export function realChanges(
  system: "icd10cm" | "icd10pcs",
  detectedAt = "2026-11-20T06:00:00.000Z",
): ChangeRecord[] {
  const [rules, before, after, version, effectiveDate, url]: [
    CodeSystemRules,
    string,
    string,
    string,
    string,
    string,
  ] =
    system === "icd10cm"
      ? [
          ICD10CM,
          "icd10cm_order_2018.txt.gz",
          "icd10cm_order_2019.txt.gz",
          "FY2019",
          "2018-10-01",
          "https://www.cms.gov/Medicare/Coding/ICD10/Downloads/2019-ICD-10-CM-Code-Descriptions.zip",
        ]
      : [
          ICD10PCS,
          "icd10pcs_order_2017.txt.gz",
          "icd10pcs_order_2018.txt.gz",
          "FY2018",
          "2017-10-01",
          "https://www.cms.gov/Medicare/Coding/ICD10/Downloads/2018-ICD-10-PCS-Order-File.zip",
        ];
  const load = (name: string, label: string) =>
    parseIcd10OrderFile({ name, bytes: gunzipSync(readFileSync(`${CODESETS}${name}`)) }, rules, label);
  let diff = diffs.get(system);
  if (diff === undefined) {
    diff = diffSnapshots(load(before, "before"), load(after, version), rules);
    diffs.set(system, diff);
  }
  return toChangeRecords(diff.changes, {
    sourceId: system,
    rules,
    version,
    releaseKey: version,
    previousVersion: "previous",
    effectiveDate,
    detectedAt,
    history: false,
    evidenceOf: () => [
      { url, fetchedAt: detectedAt, sha256: "0".repeat(64), archiveKey: `raw/${system}/${version}` },
    ],
    runId: "bench",
  });
}

/**
 * The real change records of a code-set source's recorded replay (its two recorded releases, as
 * test/fixtures/replay/manifest.json lists them and the local mirror serves them), built by the
 * source's own parser, the diff and the change-record code — what `npm start` stores, without
 * storage. HCPCS 2024-Q4 and NCCI v321r0 / 2026-Q2 are derived views (see their READMEs).
 */
export async function replayedChanges(
  source: CodeSetSource,
  detectedAt = "2026-11-20T06:00:00.000Z",
): Promise<ChangeRecord[]> {
  const manifest = loadReplayManifest(FIXTURES);
  const [before, after] = manifest.sources[source.id] ?? [];
  if (!before || !after) throw new Error(`no two recorded releases of ${source.id}`);
  const snapshot = (release: ReplayRelease) => {
    const payloads: ReleasePayload[] = release.files.map((file) => {
      const bytes = readFileSync(path.join(FIXTURES, file.fixture));
      return {
        name: file.zipEntry ?? path.basename(file.fixture),
        bytes: file.fixture.endsWith(".gz") ? gunzipSync(bytes) : bytes,
      };
    });
    return source.parse(payloads, {
      version: release.version,
      effectiveDate: release.effectiveDate,
      files: [],
    });
  };
  const diff = diffSnapshots(await snapshot(before), await snapshot(after), source.rules);
  return toChangeRecords(diff.changes, {
    sourceId: source.id,
    rules: source.rules,
    version: after.version,
    releaseKey: after.version,
    previousVersion: before.version,
    effectiveDate: after.effectiveDate,
    detectedAt,
    history: false,
    evidenceOf: () => [
      {
        url: after.files[0]!.url,
        fetchedAt: detectedAt,
        sha256: "0".repeat(64),
        archiveKey: `raw/${source.id}/${after.version}`,
      },
    ],
    runId: "test",
  });
}

const FIXTURES = fileURLToPath(new URL("../../fixtures/", import.meta.url));
