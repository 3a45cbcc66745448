import { localTime } from "../calendar/local-date.js";
import type { CeuCycle } from "../ceu/ceu-cycle.js";
import { dueReminder, type ReminderThreshold, reminderDeliveryKey } from "../ceu/ceu-reminder.js";
import type { DeliveryStore } from "../deliveries/delivery-store.js";
import { renderNotice } from "../email/notice.js";
import type { EmailSender } from "../email/ses-sender.js";
import type { CeuLog } from "../subscribers/ceu-log.js";
import { ceuStanding } from "../subscribers/ceu-standing.js";
import type { Subscriber } from "../subscribers/subscriber.js";
import type { SubscriberStore } from "../subscribers/subscriber-store.js";
import { subscriptionLinks } from "../subscriptions/subscription-links.js";
import type { SubscriptionTokens } from "../subscriptions/subscription-token.js";

/** What the reminder pass needs: the active subscribers, their CEU logs, the deliveries claimed, and mail with links. */
export interface ReminderDependencies {
  readonly subscribers: Pick<SubscriberStore, "withStatus">;
  readonly ceuLog: Pick<CeuLog, "since">;
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
      try {
        for (const cycle of await ceuStanding(subscriber, deps.ceuLog, today)) {
          const threshold = dueReminder(cycle);
          if (threshold === undefined) continue;
          if (await sendReminder(subscriber, cycle, threshold, deps, now)) sent++;
        }
      } catch {
        failed++;
      }
    }
  }
  return { sent, failed };
}

/** "16 of them must be approved for CPMA (auditing)": each credential's own part still open. */
export function specificParts(cycle: CeuCycle): string {
  return cycle.specific
    .filter((part) => part.remaining > 0)
    .map((part) => ` ${part.remaining} must be approved for ${part.credential} (${part.topic}).`)
    .join("");
}

/** "18.25 CEUs to go", or once the total is in, the credential parts still open ("6.25 CPMA CEUs to go"). */
function stillToEarn(cycle: CeuCycle): string {
  if (cycle.remaining > 0) return `${cycle.remaining} CEUs to go`;
  return cycle.specific
    .filter((part) => part.remaining > 0)
    .map((part) => `${part.remaining} ${part.credential} CEUs to go`)
    .join(", ");
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
  const links = subscriptionLinks(deps.baseUrl, deps.tokens, subscriber, now);
  const notice = renderNotice({
    heading: `${stillToEarn(cycle)}, ${cycle.daysLeft} days left`,
    preheader: `Your ${cycle.body} cycle ends on ${cycle.cycleEnd}.`,
    paragraphs: [
      `Your ${cycle.body} cycle (${cycle.credentials.join(", ")}) ends on ${cycle.cycleEnd}. You have logged ${cycle.earned} of the ${cycle.required} CEUs it requires.${specificParts(cycle)}`,
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
      subject: `CEU reminder: ${stillToEarn(cycle)} by ${cycle.cycleEnd} (${cycle.body})`,
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
