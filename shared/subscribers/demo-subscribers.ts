import type { NewSubscriber } from "./subscriber.js";

/**
 * The people `npm start` subscribes on the local stack, one per kind of reader the digests are
 * written for. Addresses are on example.org (RFC 2606): nothing can ever be delivered to them.
 * Cycle ends are relative to the day of the run, so each demo shows a CEU reminder.
 */
export function demoSubscribers(today: Date): NewSubscriber[] {
  const inDays = (days: number) => new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  return [
    {
      email: "dana.cardiology@example.org",
      name: "Dana",
      interests: { specialties: ["cardiology"], codeSystems: [], codeRanges: [], keywords: [], sources: [] },
      frequency: "daily",
      timeZone: "America/Chicago",
      sendHour: 7,
      credentials: [{ credential: "CPC", cycleEnd: inDays(25) }],
    },
    {
      email: "sam.inpatient@example.org",
      name: "Sam",
      interests: {
        specialties: [],
        codeSystems: ["icd10cm", "icd10pcs"],
        codeRanges: [],
        keywords: [],
        sources: [],
      },
      frequency: "weekly",
      timeZone: "America/New_York",
      sendHour: 6,
      credentials: [{ credential: "CCS", cycleEnd: inDays(80) }],
    },
    {
      email: "riley.compliance@example.org",
      name: "Riley",
      interests: {
        specialties: [],
        codeSystems: [],
        codeRanges: [],
        keywords: ["telehealth", "medically unlikely"],
        sources: [
          "federal-register",
          "cms-newsroom",
          "cms-transmittals",
          "oig-workplan",
          "ncci-ptp-practitioner",
          "ncci-mue-practitioner",
        ],
      },
      frequency: "weekly",
      timeZone: "America/Denver",
      sendHour: 8,
      credentials: [
        { credential: "CPC", cycleEnd: inDays(200) },
        { credential: "CPMA", cycleEnd: inDays(200) },
      ],
    },
  ];
}
