import { describe, expect, it } from "vitest";
import { retryAfterMs } from "#shared/http/retry-after.js";

describe("retryAfterMs", () => {
  const now = new Date("2026-01-05T12:00:00Z");

  it("reads delta-seconds", () => {
    expect(retryAfterMs("120", now)).toBe(120_000);
  });

  it("reads an HTTP-date as the time left until it", () => {
    expect(retryAfterMs("Mon, 05 Jan 2026 12:00:30 GMT", now)).toBe(30_000);
  });

  it("treats an HTTP-date in the past as no wait", () => {
    expect(retryAfterMs("Mon, 05 Jan 2026 11:00:00 GMT", now)).toBe(0);
  });

  it("ignores a missing or unreadable header", () => {
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs("soon", now)).toBeUndefined();
  });
});
