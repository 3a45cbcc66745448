import { describe, expect, it } from "vitest";
import { checkSanity } from "#shared/collect/sanity-gate.js";
import type { CodeChange } from "#shared/core/snapshot-diff.js";

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
