import { addDays, daysBetween } from "./local-date.js";

/** A date coders plan around: a code set taking effect or a payment rule being published. */
export interface RegulatoryEvent {
  /** YYYY-MM-DD (for rules published "in November", the first of the month: the heads-up comes early). */
  readonly date: string;
  readonly title: string;
  readonly detail: string;
}

interface Recurring {
  readonly months: readonly number[];
  readonly title: string;
  readonly detail: string;
}

/**
 * The publishers' own rhythm: ICD-10-CM/PCS annual update on October 1 with an April 1 update;
 * CPT annual on January 1, Category III codes and vaccine codes also on July 1, PLA codes every
 * quarter; HCPCS Level II and NCCI edits every quarter; the PFS and OPPS proposed rules in July
 * and final rules in November.
 */
const RECURRING: readonly Recurring[] = [
  {
    months: [10],
    title: "ICD-10-CM and ICD-10-PCS annual update",
    detail:
      "New fiscal-year code sets take effect for discharges and dates of service on or after October 1.",
  },
  {
    months: [4],
    title: "ICD-10-CM and ICD-10-PCS April update",
    detail: "Mid-year codes (new technology, urgent additions) take effect April 1.",
  },
  { months: [1], title: "CPT annual update", detail: "The new CPT code set takes effect January 1." },
  {
    months: [1, 7],
    title: "CPT Category III and vaccine codes",
    detail: "Category III and vaccine product codes released six months earlier take effect.",
  },
  {
    months: [1, 4, 7, 10],
    title: "CPT PLA codes (quarterly)",
    detail: "Proprietary Laboratory Analyses codes take effect each quarter.",
  },
  {
    months: [1, 4, 7, 10],
    title: "HCPCS Level II quarterly update",
    detail: "New, revised and discontinued HCPCS Level II codes take effect.",
  },
  {
    months: [1, 4, 7, 10],
    title: "NCCI edits quarterly update",
    detail: "New procedure-to-procedure and MUE edits take effect.",
  },
  {
    months: [7],
    title: "PFS and OPPS proposed rules (expected in July)",
    detail:
      "CMS proposes next year's Physician Fee Schedule and Hospital Outpatient rules; comment period follows.",
  },
  {
    months: [11],
    title: "PFS and OPPS final rules (expected in November)",
    detail: "CMS publishes the final Physician Fee Schedule and Hospital Outpatient rules for January 1.",
  },
];

export function eventsOfYear(year: number): RegulatoryEvent[] {
  return RECURRING.flatMap((event) =>
    event.months.map((month) => ({
      date: `${year}-${String(month).padStart(2, "0")}-01`,
      title: event.title,
      detail: event.detail,
    })),
  ).sort((a, b) => a.date.localeCompare(b.date) || a.title.localeCompare(b.title));
}

/** Heads-up window: an event is announced in every digest from two weeks before it. */
export const HEADS_UP_DAYS = 14;

/** Events after `today` and at most `withinDays` away, soonest first. */
export function upcomingEvents(today: string, withinDays = HEADS_UP_DAYS): RegulatoryEvent[] {
  const year = Number(today.slice(0, 4));
  const last = addDays(today, withinDays);
  return [...eventsOfYear(year), ...eventsOfYear(year + 1)].filter(
    (event) => event.date > today && event.date <= last && daysBetween(today, event.date) > 0,
  );
}
