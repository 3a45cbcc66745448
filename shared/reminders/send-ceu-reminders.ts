import { localTime } from "../calendar/local-date.js";
import { type CeuCycle, ceuCycles } from "../ceu/ceu-cycle.js";
import { dueReminder, type ReminderThreshold, reminderDeliveryKey } from "../ceu/ceu-reminder.js";
import type { DeliveryStore } from "../deliveries/delivery-store.js";
import { renderNotice } from "../email/notice.js";
import type { EmailSender } from "../email/ses-sender.js";
import type { Subscriber } from "../subscribers/subscriber.js";
import type { SubscriberStore } from "../subscribers/subscriber-store.js";
import { subscriptionLinks } from "../subscriptions/subscription-links.js";
import type { SubscriptionTokens } from "../subscriptions/subscription-token.js";

/** What the reminder pass needs: the active subscribers, the deliveries claimed, and mail with links. */
export interface ReminderDependencies {
  readonly subscribers: Pick<SubscriberStore, "withStatus">;
  readonly deliveries: Pick<DeliveryStore, "claim" | "markSent" | "release">;
  readonly sender: EmailSender;
  readonly tokens: SubscriptionTokens;
  readonly baseUrl: string;
  readonly from: string;
}

export interface ReminderRun {
  readonly sent: number;
  readonly failed: number;
}

/**
 * The daily CEU pass: every active subscriber with a credential whose cycle end is 90, 30 or 7
 * days away (or less) while CEUs remain gets one reminder per threshold and cycle. Each is claimed
 * in the deliveries table first, so re-runs send nothing twice; a failure is counted and the
 * others still go.
 */
export async function sendCeuReminders(deps: ReminderDependencies, now = new Date()): Promise<ReminderRun> {
  let sent = 0;
  let failed = 0;
  for await (const page of deps.subscribers.withStatus("active")) {
    for (const subscriber of page) {
      if (subscriber.credentials.length === 0) continue;
      const today = localTime(now, subscriber.timeZone).day;
      for (const cycle of ceuCycles(subscriber.credentials, subscriber.ceus, today)) {
        const threshold = dueReminder(cycle);
        if (threshold === undefined) continue;
        try {
          if (await sendReminder(subscriber, cycle, threshold, deps, now)) sent++;
        } catch {
          failed++;
        }
      }
    }
  }
  return { sent, failed };
}

async function sendReminder(
  subscriber: Subscriber,
  cycle: CeuCycle,
  threshold: ReminderThreshold,
  deps: ReminderDependencies,
  now: Date,
): Promise<boolean> {
  const key = reminderDeliveryKey(cycle, threshold);
  if (!(await deps.deliveries.claim(subscriber.subscriberId, key, "ceu-reminder", now))) return false;
  const links = subscriptionLinks(deps.baseUrl, deps.tokens, subscriber.subscriberId, now);
  const auditing =
    cycle.auditingRemaining > 0 ? ` ${cycle.auditingRemaining} of them must be in auditing (CPMA).` : "";
  const notice = renderNotice({
    heading: `${cycle.remaining} CEUs to go, ${cycle.daysLeft} days left`,
    paragraphs: [
      `Your ${cycle.body} cycle (${cycle.credentials.join(", ")}) ends on ${cycle.cycleEnd}. You have logged ${cycle.earned} of the ${cycle.required} CEUs it requires.${auditing}`,
      "Already earned them? Log them with the button below so your reminders and digests stay accurate.",
    ],
    action: { label: "Log CEUs", url: links.logCeus },
    footer: [
      { label: "Preferences", url: links.preferences },
      { label: "Unsubscribe", url: links.unsubscribe },
    ],
  });
  try {
    const messageId = await deps.sender.send({
      from: deps.from,
      to: subscriber.email,
      subject: `CEU reminder: ${cycle.remaining} CEUs due by ${cycle.cycleEnd} (${cycle.body})`,
      ...notice,
      unsubscribeUrl: links.unsubscribe,
      tags: { kind: "ceu-reminder", subscriber: subscriber.subscriberId },
    });
    await deps.deliveries.markSent(subscriber.subscriberId, key, messageId, 0);
    return true;
  } catch (error) {
    await deps.deliveries.release(subscriber.subscriberId, key);
    throw error;
  }
}
