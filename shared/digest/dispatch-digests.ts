import type { SubscriberStore } from "../subscribers/subscriber-store.js";
import { isDigestDue } from "./digest-period.js";
import type { DigestJob } from "./send-digest.js";

/** Where due digests go: SQS in AWS (one message each), a direct call locally. */
export interface DigestJobQueue {
  enqueue(jobs: readonly DigestJob[]): Promise<void>;
}

export interface DispatchOptions {
  readonly now?: Date;
  /** Every active subscriber, whatever their send hour (operators, `npm start`); periods still dedupe. */
  readonly ignoreSchedule?: boolean;
}

/**
 * The hourly dispatcher: finds the active subscribers whose local send hour and period start is
 * now, and hands each a job. It sends nothing itself, so one slow or failing subscriber never
 * holds up the others. Returns how many jobs were queued.
 */
export async function dispatchDigests(
  subscribers: SubscriberStore,
  queue: DigestJobQueue,
  options: DispatchOptions = {},
): Promise<number> {
  const now = options.now ?? new Date();
  let queued = 0;
  for await (const page of subscribers.withStatus("active")) {
    const due = page.filter((subscriber) => options.ignoreSchedule || isDigestDue(subscriber, now));
    if (due.length === 0) continue;
    await queue.enqueue(
      due.map((subscriber) => ({ subscriberId: subscriber.subscriberId, at: now.toISOString() })),
    );
    queued += due.length;
  }
  return queued;
}
