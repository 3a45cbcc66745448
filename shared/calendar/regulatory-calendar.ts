import { addDays, daysBetween } from "./local-date.js";

/** A date coders plan around: a code set taking effect or a payment rule being published. */
export interface RegulatoryEvent {
  /** YYYY-MM-DD (for rules published "in July", the first of the month: the heads-up comes early). */
  readonly date: string;
  readonly title: string;
  readonly detail: string;
  /**
   * Days before the date at which the event is announced: a digest is sent for it even when no
   * change matched, once at each of these. The largest is also how long it stays in "coming up".
   */
  readonly announceDays: readonly number[];
  /**
   * The code sets whose coders plan around it (code-set source ids and their system): an inpatient
   * facility coder is not told of the CPT year, a DME supplier of the ICD-10-PCS update.
   */
  readonly concerns: readonly CodeSetOfEvent[];
}

export interface CodeSetOfEvent {
  readonly sourceId: string;
  readonly system: string;
}

const ICD10: readonly CodeSetOfEvent[] = [
  { sourceId: "icd10cm", system: "icd10cm" },
  { sourceId: "icd10pcs", system: "icd10pcs" },
];
/** HCPCS Level II. */
const HCPCS: readonly CodeSetOfEvent[] = [{ sourceId: "hcpcs", system: "hcpcs" }];
/**
 * CPT: no CPT file is collected (AMA licence), so CPT's coders are those of the NCCI tables CPT
 * codes fill — practitioner and outpatient hospital, not the DME supplier's.
 */
const CPT: readonly CodeSetOfEvent[] = [
  { sourceId: "ncci-ptp-practitioner", system: "ncci-ptp" },
  { sourceId: "ncci-ptp-hospital", system: "ncci-ptp" },
  { sourceId: "ncci-mue-practitioner", system: "ncci-mue" },
  { sourceId: "ncci-mue-hospital", system: "ncci-mue" },
];
const NCCI: readonly CodeSetOfEvent[] = [
  { sourceId: "ncci-ptp-practitioner", system: "ncci-ptp" },
  { sourceId: "ncci-ptp-hospital", system: "ncci-ptp" },
  { sourceId: "ncci-mue-practitioner", system: "ncci-mue" },
  { sourceId: "ncci-mue-hospital", system: "ncci-mue" },
  { sourceId: "ncci-mue-dme", system: "ncci-mue" },
];

interface Recurring {
  readonly months: readonly number[];
  readonly title: string;
  readonly detail: string;
  /** Announcement days per month of the event (a January release needs more notice than a quarterly one). */
  readonly announceDays: (month: number) => readonly number[];
  readonly concerns: readonly CodeSetOfEvent[];
}

/** About six weeks: what a practice needs to load a new CPT or HCPCS year into its charge master. */
const SIX_WEEKS = 42;
const THREE_WEEKS = 21;
const TWO_WEEKS = 14;

/**
 * A quarterly update: three weeks ahead, except January's, which comes with the new CPT and HCPCS
 * year and gets their six weeks.
 */
function quarterly(month: number): readonly number[] {
  return month === 1 ? [SIX_WEEKS] : [THREE_WEEKS];
}

/**
 * The publishers' own rhythm, each event announced as far ahead as it takes to prepare for it:
 * CPT and HCPCS January 1 about six weeks ahead (the AMA and CMS publish in the fall), the
 * other quarterly HCPCS, NCCI and PLA updates three weeks ahead (CMS posts the files weeks before), and
 * ICD-10 October 1 / April 1 two weeks before — besides the heads-up a digest carries as soon as
 * the new fiscal year's files are published (see `releaseHeadsUp`, from the change log).
 */
const RECURRING: readonly Recurring[] = [
  {
    months: [10],
    title: "ICD-10-CM and ICD-10-PCS annual update",
    detail:
      "New fiscal-year code sets take effect for discharges and dates of service on or after October 1.",
    announceDays: () => [TWO_WEEKS],
    concerns: ICD10,
  },
  {
    months: [4],
    title: "ICD-10-CM and ICD-10-PCS April update",
    detail: "Mid-year codes (new technology, urgent additions) take effect April 1.",
    announceDays: () => [TWO_WEEKS],
    concerns: ICD10,
  },
  {
    months: [1],
    title: "CPT annual update",
    detail: "The new CPT code set takes effect January 1.",
    announceDays: () => [SIX_WEEKS],
    concerns: CPT,
  },
  {
    months: [1, 7],
    title: "CPT Category III and vaccine codes",
    detail: "Category III and vaccine product codes released six months earlier take effect.",
    announceDays: quarterly,
    concerns: CPT,
  },
  {
    months: [1, 4, 7, 10],
    title: "CPT PLA codes (quarterly)",
    detail: "Proprietary Laboratory Analyses codes take effect each quarter.",
    announceDays: quarterly,
    concerns: CPT,
  },
  {
    months: [1, 4, 7, 10],
    title: "HCPCS Level II quarterly update",
    detail: "New, revised and discontinued HCPCS Level II codes take effect.",
    announceDays: quarterly,
    concerns: HCPCS,
  },
  {
    months: [1, 4, 7, 10],
    title: "NCCI edits quarterly update",
    detail:
      "New procedure-to-procedure edits and MUE limits take effect; CMS posts the files a few weeks before.",
    announceDays: quarterly,
    concerns: NCCI,
  },
  {
    months: [7],
    title: "PFS and OPPS proposed rules (expected in July)",
    detail:
      "CMS proposes next year's Physician Fee Schedule and Hospital Outpatient rules; comment period follows.",
    announceDays: () => [TWO_WEEKS],
    concerns: CPT,
  },
  {
    months: [11],
    title: "PFS and OPPS final rules (expected in November)",
    detail: "CMS publishes the final Physician Fee Schedule and Hospital Outpatient rules for January 1.",
    announceDays: () => [TWO_WEEKS],
    concerns: CPT,
  },
];

const YEARS = new Map<number, readonly RegulatoryEvent[]>();

/** A year's events, soonest first (computed once per year: every digest of a run asks). */
export function eventsOfYear(year: number): readonly RegulatoryEvent[] {
  const known = YEARS.get(year);
  if (known) return known;
  const events = RECURRING.flatMap((event) =>
    event.months.map((month) => ({
      date: `${year}-${String(month).padStart(2, "0")}-01`,
      title: event.title,
      detail: event.detail,
      announceDays: event.announceDays(month),
      concerns: event.concerns,
    })),
  ).sort((a, b) => a.date.localeCompare(b.date) || a.title.localeCompare(b.title));
  YEARS.set(year, events);
  return events;
}

/** The longest heads-up any event gets: how far ahead `upcomingEvents` looks. */
export const LONGEST_HEADS_UP_DAYS = SIX_WEEKS;

/** Events after `today` that are inside their own heads-up window, soonest first. */
export function upcomingEvents(today: string): RegulatoryEvent[] {
  const year = Number(today.slice(0, 4));
  return [...eventsOfYear(year), ...eventsOfYear(year + 1)].filter((event) => {
    const days = daysBetween(today, event.date);
    return days > 0 && days <= Math.max(...event.announceDays);
  });
}

/**
 * Whether an event reached one of its announcement days after `lastDay` (the reader's previous
 * digest) and by `today`: a digest goes out for it then, even with no matching change, and a daily
 * reader is not sent the same heads-up every day in between.
 */
export function newlyAnnounced(event: RegulatoryEvent, today: string, lastDay: string | undefined): boolean {
  return event.announceDays.some((days) => {
    const announcedOn = addDays(event.date, -days);
    return announcedOn <= today && (lastDay === undefined || announcedOn > lastDay);
  });
}
