import { describe, expect, it } from "vitest";
import { missingRelease } from "#shared/sources/expected-release.js";

const YEARLY = { every: "year", effective: "10-01", publishedBy: "08-10" } as const;
const QUARTERLY = { every: "quarter", daysBefore: 14 } as const;

describe("an expected release", () => {
  it("a year's October release is missing from its usual publication day until it is collected", () => {
    expect(missingRelease(YEARLY, "2025-10-01", new Date("2026-08-09T23:00:00Z"))).toBeUndefined();
    expect(missingRelease(YEARLY, "2025-10-01", new Date("2026-08-10T00:00:00Z"))).toBe(
      "no release effective 2026-10-01 yet, though one is usually published by 2026-08-10",
    );
    expect(missingRelease(YEARLY, "2026-10-01", new Date("2026-12-01T00:00:00Z"))).toBeUndefined();
    // A January update of the same year is a later release, not a missing one.
    expect(missingRelease(YEARLY, "2027-01-01", new Date("2027-03-01T00:00:00Z"))).toBeUndefined();
  });

  it("a quarter's file is missing two weeks before the quarter begins", () => {
    expect(missingRelease(QUARTERLY, "2026-07-01", new Date("2026-09-16T12:00:00Z"))).toBeUndefined();
    expect(missingRelease(QUARTERLY, "2026-07-01", new Date("2026-09-17T12:00:00Z"))).toBe(
      "no release effective 2026-10-01 yet, though one is usually published by 2026-09-17",
    );
    expect(missingRelease(QUARTERLY, "2026-10-01", new Date("2026-12-01T12:00:00Z"))).toBeUndefined();
    // Across the year end: January's file is due by December 18.
    expect(missingRelease(QUARTERLY, "2026-10-01", new Date("2026-12-18T12:00:00Z"))).toBe(
      "no release effective 2027-01-01 yet, though one is usually published by 2026-12-18",
    );
  });
});
