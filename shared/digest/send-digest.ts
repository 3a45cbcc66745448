import { localTime } from "../calendar/local-date.js";
import { ceuStanding } from "../subscribers/ceu-standing.js";
import type { Subscriber } from "../subscribers/subscriber.js";
import { isMailable } from "../subscribers/subscriber-status.js";
import { type ComposedDigest, composeDigest } from "./compose-digest.js";
import type { DigestDependencies } from "./digest-dependencies.js";
import { digestPeriod, PERIOD_DAYS } from "./digest-period.js";

export type DigestOutcome =
  | { readonly status: "sent"; readonly changes: number; readonly period: string }
  | { readonly status: "empty" | "already-sent" | "not-mailable" | "unknown"; readonly period?: string };

/**
 * What a subscriber's digest of the period holding `now` says: the window runs from their last
 * digest (or one period back, for a first digest) to `now`. Sending and previewing share it.
 */
export async function digestFor(
  subscriber: Subscriber,
  deps: Pick<DigestDependencies, "changes" | "ceuLog" | "tokens" | "baseUrl" | "from">,
  now: Date,
): Promise<{ digest?: ComposedDigest; period: string; since: string; until: string }> {
  const local = localTime(now, subscriber.timeZone);
  const period = digestPeriod(subscriber.frequency, local);
  const until = now.toISOString();
  const since =
    subscriber.lastDigestAt ??
    new Date(now.getTime() - PERIOD_DAYS[subscriber.frequency] * 86_400_000).toISOString();
  const [changes, ceuCycles] = await Promise.all([
    deps.changes.between(since, until),
    ceuStanding(subscriber, deps.ceuLog, local.day),
  ]);
  const digest = composeDigest({ subscriber, changes, ceuCycles, since, now }, deps);
  return { ...(digest ? { digest } : {}), period, since, until };
}

/** A digest job on the queue: who, and the moment the dispatcher decided it was due. */
export interface DigestJob {
  readonly subscriberId: string;
  readonly at: string;
}

/**
 * Sends one subscriber the digest of their current period, at most once: the delivery is claimed
 * with a conditional write before SES is called. The window runs from the last digest (or one
 * period back, for a first digest) to the job's moment; after sending, the window moves on.
 */
export async function sendDigest(job: DigestJob, deps: DigestDependencies): Promise<DigestOutcome> {
  const now = new Date(job.at);
  const subscriber = await deps.subscribers.get(job.subscriberId);
  if (!subscriber) return { status: "unknown" };
  if (!isMailable(subscriber.status)) return { status: "not-mailable" };
  const { digest, period, until } = await digestFor(subscriber, deps, now);
  if (!digest) return { status: "empty", period };

  const deliveryKey = `digest#${period}`;
  if (!(await deps.deliveries.claim(subscriber.subscriberId, deliveryKey, "digest", now))) {
    return { status: "already-sent", period };
  }
  let messageId: string;
  try {
    messageId = await deps.sender.send(digest.email);
  } catch (error) {
    await deps.deliveries.release(subscriber.subscriberId, deliveryKey);
    throw error;
  }
  await deps.deliveries.markSent(subscriber.subscriberId, deliveryKey, messageId, digest.changeCount);
  await deps.subscribers.markDigested(subscriber.subscriberId, until);
  return { status: "sent", changes: digest.changeCount, period };
}
