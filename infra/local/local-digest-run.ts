import type { DigestDependencies } from "#shared/digest/digest-dependencies.js";
import { dispatchDigests } from "#shared/digest/dispatch-digests.js";
import { InProcessDigestQueue } from "#shared/digest/in-process-digest-queue.js";
import { sendCeuReminders } from "#shared/reminders/send-ceu-reminders.js";
import { demoSubscribers } from "#shared/subscribers/demo-subscribers.js";
import { emailHash } from "#shared/subscribers/email-address.js";
import { newSubscriberSchema } from "#shared/subscribers/subscriber.js";
import { handleSignUpRequest } from "#shared/subscriptions/handle-sign-up-request.js";
import { subscriptionApi } from "#shared/subscriptions/subscription-api.js";
import { SUBSCRIPTION_PATHS, signedLink } from "#shared/subscriptions/subscription-links.js";

export interface LocalDigestRun {
  readonly subscribed: number;
  readonly sent: number;
  readonly alreadySent: number;
  readonly empty: number;
  readonly failed: number;
  readonly reminders: number;
}

/**
 * The people step of `npm start`: subscribes the demo readers through the real double opt-in (the
 * sign-up worker sends the confirmation email; the confirm page's button is then pressed, a POST
 * through the subscription pages), sends every active subscriber's digest of the current period
 * whatever their send hour, and the CEU reminders due today. Everything is claimed in the
 * deliveries table first, so a second `npm start` sends nothing it sent before.
 */
export async function runLocalDigests(deps: DigestDependencies, now = new Date()): Promise<LocalDigestRun> {
  const pages = subscriptionApi({ ...deps, signUps: { enqueue: async () => {} }, clock: () => now });
  let subscribed = 0;
  for (const person of demoSubscribers(now)) {
    if (await deps.addresses.owner(emailHash(person.email))) continue;
    const { email, name, ...preferences } = newSubscriberSchema.parse(person);
    const outcome = await handleSignUpRequest(
      { kind: "sign-up", email, ...(name ? { name } : {}), preferences, requestedAt: now.toISOString() },
      deps,
      now,
    );
    if (outcome.status !== "sent") throw new Error(`signing up a demo subscriber answered ${outcome.status}`);
    const subscriber = (await deps.subscribers.get(outcome.subscriberId))!;
    const link = new URL(
      signedLink(deps.baseUrl, deps.tokens, "confirm", subscriber, now, subscriber.pendingId),
    );
    const confirmed = await pages.handle({
      method: "POST",
      path: SUBSCRIPTION_PATHS.confirm,
      query: {},
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: link.searchParams.get("token")! }).toString(),
    });
    if (confirmed.status !== 303)
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
