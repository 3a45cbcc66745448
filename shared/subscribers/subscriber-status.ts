import type { SubscriberStatus } from "./subscriber.js";

/**
 * Which status changes are allowed. Suppressed is final for mail (a hard bounce or a complaint:
 * mailing again hurts the sender's reputation), and an unsubscribed address is only mailed again
 * after a new double opt-in, which starts at pending.
 */
const ALLOWED: Readonly<Record<SubscriberStatus, readonly SubscriberStatus[]>> = {
  pending: ["active", "unsubscribed", "suppressed"],
  active: ["unsubscribed", "suppressed"],
  unsubscribed: ["pending", "suppressed"],
  suppressed: [],
};

export function canMoveTo(from: SubscriberStatus, to: SubscriberStatus): boolean {
  return from === to || ALLOWED[from].includes(to);
}

/** Only an active subscriber receives digests and reminders. */
export function isMailable(status: SubscriberStatus): boolean {
  return status === "active";
}
