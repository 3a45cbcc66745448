import { isoWeek, type LocalTime, localTime } from "../calendar/local-date.js";
import type { Frequency, Subscriber } from "../subscribers/subscriber.js";

/**
 * The period a digest covers, named in the subscriber's own calendar: `daily#2026-11-23`,
 * `weekly#2026-W48`, `monthly#2026-11`. The deliveries table is keyed by it, so whatever runs
 * twice in one period sends once.
 */
export function digestPeriod(frequency: Frequency, local: LocalTime): string {
  if (frequency === "daily") return `daily#${local.day}`;
  if (frequency === "weekly") return `weekly#${isoWeek(local.day)}`;
  return `monthly#${local.day.slice(0, 7)}`;
}

/** How far back a first digest looks: one period. */
export const PERIOD_DAYS: Readonly<Record<Frequency, number>> = { daily: 1, weekly: 7, monthly: 31 };

/**
 * Whether the hourly dispatcher should send now: the subscriber's local hour is their send hour,
 * and it is the first day of their period (Monday for weekly, the 1st for monthly).
 */
export function isDigestDue(
  subscriber: Pick<Subscriber, "frequency" | "timeZone" | "sendHour">,
  now: Date,
): boolean {
  const local = localTime(now, subscriber.timeZone);
  if (local.hour !== subscriber.sendHour) return false;
  if (subscriber.frequency === "weekly") return local.weekday === 1;
  if (subscriber.frequency === "monthly") return local.day.endsWith("-01");
  return true;
}
