import type { CeuCycle } from "./ceu-cycle.js";

/** Days before a cycle end at which a holder with CEUs still to earn is reminded. */
export const REMINDER_DAYS = [90, 30, 7] as const;
export type ReminderThreshold = (typeof REMINDER_DAYS)[number];

/**
 * The reminder a cycle is due on this day, if any: the tightest threshold the days left have
 * reached, while CEUs (or a credential's own CEUs, such as CPMA's auditing) remain and the cycle has not ended. Someone who signs up
 * 60 days out gets the 90-day reminder once, then the 30-day one; each is sent once per cycle
 * (its delivery key names the cycle end and the threshold).
 */
export function dueReminder(cycle: CeuCycle): ReminderThreshold | undefined {
  if (cycle.remaining <= 0 && cycle.specific.every((part) => part.remaining <= 0)) return undefined;
  if (cycle.daysLeft < 0) return undefined;
  let due: ReminderThreshold | undefined;
  for (const threshold of REMINDER_DAYS) if (cycle.daysLeft <= threshold) due = threshold;
  return due;
}

export function reminderDeliveryKey(cycle: CeuCycle, threshold: ReminderThreshold): string {
  return `ceu#${cycle.body}#${cycle.cycleEnd}#${threshold}`;
}
