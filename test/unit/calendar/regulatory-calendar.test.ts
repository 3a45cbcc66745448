import { describe, expect, it } from "vitest";
import { isoWeek, localTime } from "#shared/calendar/local-date.js";
import { eventsOfYear, newlyAnnounced, upcomingEvents } from "#shared/calendar/regulatory-calendar.js";

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

  const titlesOn = (today: string) => upcomingEvents(today).map((e) => `${e.date} ${e.title}`);

  it("announces ICD-10 October 1 two weeks before it, and not earlier", () => {
    expect(titlesOn("2026-09-16")).not.toContain("2026-10-01 ICD-10-CM and ICD-10-PCS annual update");
    expect(titlesOn("2026-09-17")).toContain("2026-10-01 ICD-10-CM and ICD-10-PCS annual update");
    expect(titlesOn("2026-10-01").filter((t) => t.startsWith("2026-10-01"))).toEqual([]);
  });

  it("announces CPT and HCPCS January 1 about six weeks ahead: a December 1 digest carries them", () => {
    expect(titlesOn("2026-12-01")).toEqual(
      expect.arrayContaining([
        "2027-01-01 CPT annual update",
        "2027-01-01 HCPCS Level II quarterly update",
        "2027-01-01 NCCI edits quarterly update",
      ]),
    );
    // Six weeks, not more: mid-November is still too early for January.
    expect(titlesOn("2026-11-19")).not.toContain("2027-01-01 CPT annual update");
    expect(titlesOn("2026-11-20")).toContain("2027-01-01 CPT annual update");
  });

  it("announces the quarterly NCCI update three weeks ahead", () => {
    expect(titlesOn("2026-06-09")).not.toContain("2026-07-01 NCCI edits quarterly update");
    expect(titlesOn("2026-06-10")).toContain("2026-07-01 NCCI edits quarterly update");
  });

  it("sends a heads-up once per announcement, not in every daily digest of the window", () => {
    const [cpt] = eventsOfYear(2027).filter((e) => e.title === "CPT annual update");
    expect(newlyAnnounced(cpt!, "2026-11-20", "2026-11-19")).toBe(true);
    expect(newlyAnnounced(cpt!, "2026-11-21", "2026-11-20")).toBe(false);
    // A weekly reader whose last digest was before the announcement day hears of it in the next one.
    expect(newlyAnnounced(cpt!, "2026-11-23", "2026-11-16")).toBe(true);
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
