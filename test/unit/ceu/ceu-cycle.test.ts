import { describe, expect, it } from "vitest";
import { ceuCycles } from "#shared/ceu/ceu-cycle.js";
import { dueReminder, reminderDeliveryKey } from "#shared/ceu/ceu-reminder.js";
import { ceuRequirements } from "#shared/ceu/ceu-requirement.js";
import type { Credential } from "#shared/ceu/credentials.js";

/** Per body: the total, and the CEUs that must be approved for a given credential. */
const required = (...credentials: Credential[]) =>
  Object.fromEntries(
    ceuRequirements(credentials).map((r) => [
      r.body,
      [r.required, Object.fromEntries(r.specific.map((part) => [part.credential, part.ceus]))],
    ]),
  );

describe("CEU requirements per cycle", () => {
  it("AAPC: 36 for one credential, 40/44/48 for two to four, 52 for five or more", () => {
    expect(required("CPC")).toEqual({ AAPC: [36, {}] });
    expect(required("CPC", "COC")).toEqual({ AAPC: [40, {}] });
    expect(required("CPC", "COC", "CIC")).toEqual({ AAPC: [44, {}] });
    expect(required("CPC", "COC", "CIC", "CRC")).toEqual({ AAPC: [48, {}] });
    expect(required("CPC", "COC", "CIC", "CRC", "CPB")).toEqual({ AAPC: [52, {}] });
    expect(required("CPC", "COC", "CIC", "CRC", "CPB", "CPMA")).toEqual({ AAPC: [52, { CPMA: 16 }] });
  });

  it("AAPC CPMA: 16 of the CEUs in auditing; CPCO, CDEO, CPPM and CIRCC 16 of their own", () => {
    expect(required("CPC", "CPMA")).toEqual({ AAPC: [40, { CPMA: 16 }] });
    expect(required("CPC", "CPCO", "CDEO", "CPPM")).toEqual({
      AAPC: [48, { CPCO: 16, CDEO: 16, CPPM: 16 }],
    });
    expect(required("CPC", "CIRCC")).toEqual({ AAPC: [40, { CIRCC: 16 }] });
  });

  it("AAPC specialty credentials count as credentials and each needs 8 specialty CEUs", () => {
    // A cardiology CPC: the Certified Cardiology Coder credential is one of AAPC's specialty credentials.
    expect(required("CPC", "CCC")).toEqual({ AAPC: [40, { CCC: 8 }] });
    expect(required("CPC", "CCC", "CEMC", "CGSC", "COSC", "CIC")).toEqual({
      AAPC: [52, { CCC: 8, CEMC: 8, CGSC: 8, COSC: 8 }],
    });
  });

  it("AHIMA: 20 for CCA/CCS/CCS-P/RHIT, 30 for RHIA/CDIP/CHPS/CHDA, +10 per extra credential up to 50", () => {
    expect(required("CHPS")).toEqual({ AHIMA: [30, {}] });
    expect(required("CHDA", "RHIT")).toEqual({ AHIMA: [40, {}] });
    expect(required("CCS")).toEqual({ AHIMA: [20, {}] });
    expect(required("RHIT")).toEqual({ AHIMA: [20, {}] });
    expect(required("RHIA")).toEqual({ AHIMA: [30, {}] });
    expect(required("CCS", "CCS-P")).toEqual({ AHIMA: [30, {}] });
    expect(required("RHIA", "CCS")).toEqual({ AHIMA: [40, {}] });
    expect(required("RHIA", "CCS", "CDIP", "CCA")).toEqual({ AHIMA: [50, {}] });
  });

  it("NHA CBCS: 10, and each body is counted on its own", () => {
    expect(required("CBCS")).toEqual({ NHA: [10, {}] });
    expect(required("CPC", "CCS", "CBCS")).toEqual({ AAPC: [36, {}], AHIMA: [20, {}], NHA: [10, {}] });
  });
});

describe("a CEU cycle on a dated example", () => {
  // A CPC and CPMA whose AAPC membership renews on 2027-03-31: the cycle is 2025-03-31 (excl.) to 2027-03-31.
  const holdings = [
    { credential: "CPC" as const, cycleEnd: "2027-03-31" },
    { credential: "CPMA" as const, cycleEnd: "2027-03-31" },
  ];
  const ceus = [
    { date: "2025-03-31", hours: 10, auditing: false }, // the last cycle's final day: not counted
    { date: "2025-06-15", hours: 12, auditing: false },
    { date: "2026-02-01", hours: 6.5, auditing: true },
    { date: "2026-11-01", hours: 3.25, auditing: true },
  ];

  it("counts CEUs inside the cycle, the auditing ones apart, and the days left", () => {
    const [cycle] = ceuCycles(holdings, ceus, "2026-12-31");
    expect(cycle).toMatchObject({
      body: "AAPC",
      cycleStart: "2025-03-31",
      cycleEnd: "2027-03-31",
      required: 40,
      earned: 21.75,
      remaining: 18.25,
      specific: [{ credential: "CPMA", topic: "auditing", required: 16, earned: 9.75, remaining: 6.25 }],
      daysLeft: 90,
    });
  });

  it("reminds at 90, 30 and 7 days out while CEUs remain, once per threshold", () => {
    const at = (today: string) => {
      const [cycle] = ceuCycles(holdings, ceus, today);
      const due = dueReminder(cycle!);
      return due === undefined ? undefined : reminderDeliveryKey(cycle!, due);
    };
    expect(at("2026-12-30")).toBeUndefined(); // 91 days
    expect(at("2026-12-31")).toBe("ceu#AAPC#2027-03-31#90");
    expect(at("2027-02-28")).toBe("ceu#AAPC#2027-03-31#90"); // 31 days
    expect(at("2027-03-01")).toBe("ceu#AAPC#2027-03-31#30");
    expect(at("2027-03-24")).toBe("ceu#AAPC#2027-03-31#7");
    expect(at("2027-04-01")).toBeUndefined(); // the cycle is over
  });

  it("keeps reminding while the total is in but the auditing part is not", () => {
    const enoughButNotAuditing = [...ceus, { date: "2027-01-10", hours: 30, auditing: false }];
    const [cycle] = ceuCycles(holdings, enoughButNotAuditing, "2027-03-24");
    expect(cycle).toMatchObject({ remaining: 0, specific: [{ remaining: 6.25 }] });
    expect(dueReminder(cycle!)).toBe(7);
  });

  it("counts entries approved for a credential toward its part, and the old auditing flag as CPMA", () => {
    const cardiology = [
      { credential: "CPC" as const, cycleEnd: "2027-03-31" },
      { credential: "CCC" as const, cycleEnd: "2027-03-31" },
    ];
    const [cycle] = ceuCycles(
      cardiology,
      [
        { date: "2026-01-10", hours: 5, approvedFor: "CCC" as const },
        { date: "2026-05-10", hours: 2, auditing: true },
      ],
      "2026-12-31",
    );
    expect(cycle).toMatchObject({
      required: 40,
      earned: 7,
      specific: [{ credential: "CCC", topic: "cardiology", required: 8, earned: 5, remaining: 3 }],
    });
  });

  it("stops reminding once the CEUs, auditing included, are in", () => {
    const done = [...ceus, { date: "2027-01-10", hours: 20, auditing: true }];
    const [cycle] = ceuCycles(holdings, done, "2027-03-24");
    expect(cycle).toMatchObject({ remaining: 0, specific: [{ credential: "CPMA", remaining: 0 }] });
    expect(dueReminder(cycle!)).toBeUndefined();
  });
});
