import type { DigestDependencies } from "#shared/digest/digest-dependencies.js";
import { dispatchDigests } from "#shared/digest/dispatch-digests.js";
import { InProcessDigestQueue } from "#shared/digest/in-process-digest-queue.js";
import { sendCeuReminders } from "#shared/reminders/send-ceu-reminders.js";
import { demoSubscribers } from "#shared/subscribers/demo-subscribers.js";
import { subscribe } from "#shared/subscriptions/subscribe.js";
import { subscriptionApi } from "#shared/subscriptions/subscription-api.js";

export interface LocalDigestRun {
  readonly subscribed: number;
  readonly sent: number;
  readonly alreadySent: number;
  readonly empty: number;
  readonly failed: number;
  readonly reminders: number;
}

/**
 * The people step of `npm start`: subscribes the demo readers through the real double opt-in
 * (confirmation email, then the confirm link followed through the subscription handler), sends
 * every active subscriber's digest of the current period whatever their send hour, and the CEU
 * reminders due today. Everything is claimed in the deliveries table first, so a second
 * `npm start` sends nothing it sent before.
 */
export async function runLocalDigests(deps: DigestDependencies, now = new Date()): Promise<LocalDigestRun> {
  const api = subscriptionApi(deps);
  let subscribed = 0;
  for (const person of demoSubscribers(now)) {
    if (await deps.subscribers.findByEmail(person.email)) continue;
    const subscriber = await subscribe(person, deps, now);
    const token = deps.tokens.sign("confirm", subscriber.subscriberId, now);
    const confirmed = await api.confirm({
      method: "GET",
      path: "/subscriptions/confirm",
      query: { token },
      headers: {},
    });
    if (confirmed.status !== 200)
      throw new Error(`confirming a demo subscriber answered HTTP ${confirmed.status}`);
    subscribed++;
  }
  const queue = new InProcessDigestQueue(deps);
  await dispatchDigests(deps.subscribers, queue, { now, ignoreSchedule: true });
  const count = (status: string) => queue.outcomes.filter((o) => o.outcome?.status === status).length;
  const reminders = await sendCeuReminders(deps, now);
  return {
    subscribed,
    sent: count("sent"),
    alreadySent: count("already-sent"),
    empty: count("empty"),
    failed: queue.outcomes.filter((o) => o.error).length + reminders.failed,
    reminders: reminders.sent,
  };
}
