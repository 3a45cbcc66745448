import { describe, expect, it } from "vitest";
import { easternToUtc } from "#shared/documents/eastern-time.js";

const utc = (...wall: [number, number, number, number, number]) => easternToUtc(...wall).toISOString();

describe("Eastern wall-clock time to UTC", () => {
  it("adds four hours in summer (EDT) and five in winter (EST)", () => {
    expect(utc(2024, 10, 18, 11, 17)).toBe("2024-10-18T15:17:00.000Z");
    expect(utc(2026, 1, 14, 9, 0)).toBe("2026-01-14T14:00:00.000Z");
  });

  it("changes offset on the second Sunday of March and the first Sunday of November", () => {
    expect(utc(2026, 3, 8, 1, 59)).toBe("2026-03-08T06:59:00.000Z");
    expect(utc(2026, 3, 8, 3, 0)).toBe("2026-03-08T07:00:00.000Z");
    expect(utc(2026, 11, 1, 0, 30)).toBe("2026-11-01T04:30:00.000Z");
    expect(utc(2026, 11, 1, 2, 30)).toBe("2026-11-01T07:30:00.000Z");
  });

  it("reads the repeated hour of November as its first occurrence (EDT)", () => {
    expect(utc(2026, 11, 1, 1, 30)).toBe("2026-11-01T05:30:00.000Z");
  });

  it("reads a time in the hour skipped in March with the offset before the change", () => {
    expect(utc(2026, 3, 8, 2, 30)).toBe("2026-03-08T07:30:00.000Z");
  });
});
