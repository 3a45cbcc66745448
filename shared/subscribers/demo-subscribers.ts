import type { NewSubscriber } from "./subscriber.js";

/**
 * Twenty codes a cardiology practice bills most: diagnoses with and without the dot, CPT codes
 * (numbers only), as a practice would paste them from its billing report.
 */
export const CARDIOLOGY_PRACTICE_TOP_CODES = [
  "I10",
  "I11.0",
  "I20.9",
  "I21.4",
  "I25.10",
  "I25.119",
  "I42.9",
  "I48.0",
  "I4891",
  "I50.9",
  "I63.8",
  "R00.2",
  "R07.9",
  "Z95.0",
  "93000",
  "93306",
  "93458",
  "33208",
  "99213",
  "99214",
];

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
      interests: {
        workSetting: "professional-fee",
        specialties: ["cardiology"],
        // A cardiology practice's most billed codes: what opens her digest when any of them changes.
        watchlist: CARDIOLOGY_PRACTICE_TOP_CODES,
        codeSystems: [],
        codeRanges: [],
        keywords: [],
        sources: [],
      },
      frequency: "daily",
      timeZone: "America/Chicago",
      sendHour: 7,
      credentials: [{ credential: "CPC", cycleEnd: inDays(25) }],
    },
    {
      email: "sam.inpatient@example.org",
      name: "Sam",
      interests: {
        workSetting: "facility-inpatient",
        specialties: [],
        watchlist: [],
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
        workSetting: "payer-compliance",
        specialties: [],
        // The lab claims under audit this quarter.
        watchlist: ["0001U", "0002M", "0003U", "81162", "81163", "36415"],
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
