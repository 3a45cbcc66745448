import { describe, expect, it } from "vitest";
import { nextScheduledRun } from "#shared/api/health/schedule-next-run.js";

const at = (iso: string) => new Date(iso);

describe("next scheduled run", () => {
  it("finds the next daily cron time later the same day, or the next day once it has passed", () => {
    expect(nextScheduledRun("cron(30 11 * * ? *)", at("2026-05-01T09:00:00Z"))?.toISOString()).toBe(
      "2026-05-01T11:30:00.000Z",
    );
    expect(nextScheduledRun("cron(30 11 * * ? *)", at("2026-05-01T11:30:00Z"))?.toISOString()).toBe(
      "2026-05-02T11:30:00.000Z",
    );
  });

  it("reads weekday names, lists, ranges and steps (EventBridge numbers Sunday as 1)", () => {
    // 2026-05-01 is a Friday.
    expect(nextScheduledRun("cron(0 6 ? * MON-WED *)", at("2026-05-01T12:00:00Z"))?.toISOString()).toBe(
      "2026-05-04T06:00:00.000Z",
    );
    expect(nextScheduledRun("cron(0 6 ? * 1 *)", at("2026-05-01T12:00:00Z"))?.toISOString()).toBe(
      "2026-05-03T06:00:00.000Z",
    );
    expect(nextScheduledRun("cron(0/15 * * * ? *)", at("2026-05-01T12:07:00Z"))?.toISOString()).toBe(
      "2026-05-01T12:15:00.000Z",
    );
    expect(
      nextScheduledRun("cron(0 12 1 JAN,APR,JUL,OCT ? *)", at("2026-05-01T12:00:00Z"))?.toISOString(),
    ).toBe("2026-07-01T12:00:00.000Z");
  });

  it("anchors a rate on the last run, and calls a missed run due now", () => {
    const now = at("2026-05-01T12:00:00Z");
    expect(nextScheduledRun("rate(6 hours)", now, at("2026-05-01T10:00:00Z"))?.toISOString()).toBe(
      "2026-05-01T16:00:00.000Z",
    );
    expect(nextScheduledRun("rate(1 day)", now, at("2026-04-20T10:00:00Z"))?.toISOString()).toBe(
      now.toISOString(),
    );
    expect(nextScheduledRun("rate(1 day)", now)?.toISOString()).toBe("2026-05-02T12:00:00.000Z");
  });

  it("gives no guess for forms it does not read", () => {
    expect(nextScheduledRun("cron(0 12 L * ? *)", at("2026-05-01T00:00:00Z"))).toBeUndefined();
    expect(nextScheduledRun("at(2026-06-01T00:00:00)", at("2026-05-01T00:00:00Z"))).toBeUndefined();
    expect(nextScheduledRun("cron(0 12 * * ? 2020)", at("2026-05-01T00:00:00Z"))).toBeUndefined();
  });
});
