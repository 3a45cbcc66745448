import { describe, expect, it } from "vitest";
import type { ChangeRecord } from "#shared/changes/change-record.js";
import type { ChangeStore } from "#shared/changes/change-store.js";
import { ChangeWindow } from "#shared/digest/change-window.js";
import { completeReleasesIn } from "#shared/digest/complete-releases.js";
import type { ReleaseRecord } from "#shared/releases/release-record.js";
import { realChanges } from "./real-changes.js";

/** The change log's byDetectedDay reads, over a list of stored changes. */
function storeOf(changes: readonly ChangeRecord[]): ChangeStore {
  return {
    byDetectedDay: async (day: string) => ({ changes: changes.filter((c) => c.detectedDay === day) }),
    all: async (page: (cursor?: string) => Promise<{ changes: ChangeRecord[] }>) => (await page()).changes,
  } as unknown as ChangeStore;
}

describe("the changes a digest reads", () => {
  it("are those of complete releases only: a release still being written is mailed once it completes", async () => {
    const [first, second] = realChanges("icd10cm");
    const written = [
      { ...first!, sourceId: "icd10cm", releaseKey: "2018-10-01#FY2019#aaaa" },
      { ...second!, sourceId: "hcpcs", releaseKey: "2026-10-01#2026-Q4#bbbb" },
    ];
    const status = new Map<string, ReleaseRecord["status"]>([
      ["icd10cm|RELEASE#2018-10-01#FY2019#aaaa", "complete"],
      ["hcpcs|RELEASE#2026-10-01#2026-Q4#bbbb", "pending"],
    ]);
    const releases = completeReleasesIn({
      release: async (sourceId, item) => {
        const value = status.get(`${sourceId}|${item}`);
        return value ? ({ status: value } as ReleaseRecord) : undefined;
      },
    });
    let now = 0;
    const window = new ChangeWindow(storeOf(written), releases, () => now);
    const since = "2026-11-19T00:00:00.000Z";
    const until = "2026-11-21T00:00:00.000Z";

    const before = await window.between(since, until);
    expect(before.size).toBe(1);

    status.set("hcpcs|RELEASE#2026-10-01#2026-Q4#bbbb", "complete");
    now += 10 * 60_000;
    expect((await window.between(since, until)).size).toBe(2);
  });
});
