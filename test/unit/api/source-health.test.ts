import { describe, expect, it } from "vitest";
import { changeVolume } from "#shared/api/health/change-volume.js";
import { sourceHealth } from "#shared/api/health/source-health.js";
import type { ReleaseRecord, SourceState } from "#shared/releases/release-record.js";
import { icd10cm } from "#shared/sources/icd10cm.js";

const now = new Date("2026-05-10T12:00:00Z");
const state = (overrides: Partial<SourceState>): SourceState => ({
  sourceId: "icd10cm",
  item: "STATE",
  revision: 1,
  ...overrides,
});
const release = (overrides: Partial<ReleaseRecord>): ReleaseRecord =>
  ({
    sourceId: "icd10cm",
    item: "RELEASE#x",
    releaseKey: "x",
    status: "complete",
    version: "FY2019",
    effectiveDate: "2018-10-01",
    records: 10,
    codes: 8,
    detectedAt: "2026-05-01T00:00:00.000Z",
    runId: "r",
    history: false,
    baseline: false,
    summary: {
      added: 279,
      deleted: 51,
      revised: 143,
      headers: { added: 10, deleted: 2, revised: 1 },
      before: { records: 1, codes: 1 },
      after: { records: 1, codes: 1 },
    },
    ...overrides,
  }) as ReleaseRecord;

describe("source health", () => {
  it("is never-run before the first run, and after a failed one says what kind of failure, why, and since when", () => {
    expect(sourceHealth(icd10cm, state({}), [], now).status).toBe("never-run");
    const failing = sourceHealth(
      icd10cm,
      state({
        lastRunAt: "2026-05-10T11:30:00Z",
        lastRunStatus: "failed",
        lastError: "https://www.cms.gov/x.zip answered 403 with what looks like a bot-check page",
        lastFailure: "blocked",
        consecutiveFailures: 3,
        failingSince: "2026-05-08T11:30:00Z",
        alertOpenedAt: "2026-05-10T11:31:00Z",
      }),
      [],
      now,
    );
    expect(failing).toMatchObject({
      status: "blocked",
      lastError: expect.stringContaining("bot-check"),
      consecutiveFailures: 3,
      failingSince: "2026-05-08T11:30:00Z",
      alertOpenedAt: "2026-05-10T11:31:00Z",
    });
    // A failure recorded before failures had kinds is just failed.
    const older = state({
      lastRunAt: "2026-05-10T11:30:00Z",
      lastRunStatus: "failed",
      lastError: "HTTP 500",
    });
    expect(sourceHealth(icd10cm, older, [], now).status).toBe("failed");
  });

  it("is expected-release-missing once the year's release is due and not found, naming it", () => {
    const august = new Date("2026-08-20T12:00:00Z");
    const onLastYear = state({
      lastRunAt: "2026-08-20T11:30:00Z",
      lastRunStatus: "unchanged",
      lastSuccessAt: "2026-08-20T11:30:00Z",
      currentVersion: "FY2026",
      currentEffectiveDate: "2025-10-01",
    });
    expect(sourceHealth(icd10cm, onLastYear, [], august)).toMatchObject({
      status: "expected-release-missing",
      statusReason: "no release effective 2026-10-01 yet, though one is usually published by 2026-08-10",
    });
    // In May nothing is due yet: the same state is simply no new release.
    expect(
      sourceHealth(
        icd10cm,
        { ...onLastYear, lastRunAt: "2026-05-10T11:30:00Z", lastSuccessAt: "2026-05-10T11:30:00Z" },
        [],
        now,
      ).status,
    ).toBe("no-new-release");
    const onNewYear = { ...onLastYear, currentVersion: "FY2027", currentEffectiveDate: "2026-10-01" };
    expect(sourceHealth(icd10cm, onNewYear, [], august).status).toBe("no-new-release");
  });

  it("is stale when the last success is older than the source's cadence allows", () => {
    const old = state({
      lastRunAt: "2026-05-10T11:30:00Z",
      lastRunStatus: "unchanged",
      lastSuccessAt: "2026-05-01T00:00:00Z",
    });
    expect(sourceHealth(icd10cm, old, [], now).status).toBe("stale");
  });

  it("is ok after a recent success, counts recorded changes (baselines record none) and names the next run", () => {
    const health = sourceHealth(
      icd10cm,
      state({
        lastRunAt: "2026-05-10T11:30:00Z",
        lastRunStatus: "succeeded",
        lastSuccessAt: "2026-05-10T11:30:00Z",
        currentVersion: "FY2026",
        currentEffectiveDate: "2025-10-01",
        currentRecords: 94_000,
      }),
      [release({ baseline: true, version: "FY2018" }), release({})],
      now,
    );
    expect(health).toMatchObject({
      status: "ok",
      releases: 2,
      changesRecorded: 279 + 51 + 143 + 13,
      currentRecords: 94_000,
      nextExpectedRunAt: "2026-05-11T11:30:00.000Z",
    });
  });

  it("charts one point per non-baseline release, by effective date", () => {
    const series = changeVolume("icd10cm", [
      release({ version: "FY2020", effectiveDate: "2019-10-01" }),
      release({ baseline: true, version: "FY2018", effectiveDate: "2017-10-01" }),
      release({}),
    ]);
    expect(series.points.map((p) => [p.version, p.total])).toEqual([
      ["FY2019", 486],
      ["FY2020", 486],
    ]);
  });
});
