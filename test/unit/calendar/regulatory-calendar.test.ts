import { describe, expect, it } from "vitest";
import { isoWeek, localTime } from "#shared/calendar/local-date.js";
import { eventsOfYear, upcomingEvents } from "#shared/calendar/regulatory-calendar.js";

describe("the regulatory calendar", () => {
  it("has the ICD-10 dates, CPT's, the quarterly HCPCS/NCCI/PLA updates and the payment rules", () => {
    const titles = (date: string) =>
      eventsOfYear(2027)
        .filter((e) => e.date === date)
        .map((e) => e.title);
    expect(titles("2027-10-01")).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/ICD-10-CM and ICD-10-PCS annual/),
        expect.stringMatching(/HCPCS/),
        expect.stringMatching(/NCCI/),
      ]),
    );
    expect(titles("2027-04-01")).toEqual(
      expect.arrayContaining([expect.stringMatching(/ICD-10-CM and ICD-10-PCS April/)]),
    );
    expect(titles("2027-01-01")).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/CPT annual/),
        expect.stringMatching(/Category III/),
        expect.stringMatching(/PLA/),
      ]),
    );
    expect(titles("2027-07-01")).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Category III/),
        expect.stringMatching(/proposed rules/),
      ]),
    );
    expect(titles("2027-11-01")).toEqual([expect.stringMatching(/PFS and OPPS final rules/)]);
  });

  it("announces an event from two weeks before it, and not earlier", () => {
    expect(upcomingEvents("2026-09-16")).toEqual([]);
    expect(upcomingEvents("2026-09-17").map((e) => e.date)).toContain("2026-10-01");
    expect(upcomingEvents("2026-10-01").map((e) => e.date)).not.toContain("2026-10-01");
  });

  it("crosses the year end: in late December the January 1 CPT update is coming", () => {
    expect(upcomingEvents("2026-12-20").map((e) => e.title)).toContain("CPT annual update");
  });
});

describe("local time", () => {
  it("tells the subscriber's day and hour across the date line and DST", () => {
    expect(localTime(new Date("2026-11-23T03:30:00Z"), "America/Los_Angeles")).toEqual({
      day: "2026-11-22",
      hour: 19,
      weekday: 7,
    });
    expect(localTime(new Date("2026-07-01T11:00:00Z"), "America/New_York").hour).toBe(7);
    expect(localTime(new Date("2026-12-01T12:00:00Z"), "America/New_York").hour).toBe(7);
  });

  it("names ISO weeks, including the one that straddles a new year", () => {
    expect(isoWeek("2026-11-23")).toBe("2026-W48");
    expect(isoWeek("2027-01-01")).toBe("2026-W53");
  });
});
