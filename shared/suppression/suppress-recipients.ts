import type { SubscriberStore } from "../subscribers/subscriber-store.js";
import { suppressionsOf } from "./ses-notification.js";

/** What suppression needs of the subscriber store: find an address, move it to `suppressed`. */
export type SuppressibleSubscribers = Pick<SubscriberStore, "findByEmail" | "setStatus">;

/**
 * Applies SES bounce and complaint notifications (each the JSON text SES published): every
 * permanently bounced or complaining address is suppressed and never mailed again. Unknown
 * addresses (an operator's test mail) are ignored. Returns how many subscribers were suppressed —
 * a count, never the addresses.
 */
export async function suppressRecipients(
  notifications: Iterable<string>,
  subscribers: SuppressibleSubscribers,
): Promise<number> {
  let suppressed = 0;
  for (const notification of notifications) {
    for (const { email, reason } of suppressionsOf(notification)) {
      const subscriber = await subscribers.findByEmail(email);
      if (subscriber && (await subscribers.setStatus(subscriber.subscriberId, "suppressed", reason)))
        suppressed++;
    }
  }
  return suppressed;
}
