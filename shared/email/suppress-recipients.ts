import type { SubscriberStore } from "../subscribers/subscriber-store.js";
import { suppressionsOf } from "./ses-notification.js";

/** SNS records as Lambda receives them (only what is read). */
export interface SnsEvent {
  readonly Records: readonly { readonly Sns: { readonly Message: string } }[];
}

/**
 * Applies SES bounce and complaint events: each permanently bounced or complaining address is
 * suppressed and never mailed again. Unknown addresses (an operator's test mail) are ignored.
 * Returns how many subscribers were suppressed — a count, never the addresses.
 */
export async function suppressFromSesEvents(event: SnsEvent, subscribers: SubscriberStore): Promise<number> {
  let suppressed = 0;
  for (const record of event.Records) {
    for (const { email, reason } of suppressionsOf(record.Sns.Message)) {
      const subscriber = await subscribers.findByEmail(email);
      if (subscriber && (await subscribers.setStatus(subscriber.subscriberId, "suppressed", reason)))
        suppressed++;
    }
  }
  return suppressed;
}
