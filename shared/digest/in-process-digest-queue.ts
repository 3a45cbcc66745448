import type { DigestDependencies } from "./digest-dependencies.js";
import type { DigestJobQueue } from "./dispatch-digests.js";
import { type DigestJob, type DigestOutcome, sendDigest } from "./send-digest.js";

/**
 * Local runs have no SQS: jobs are sent right away, one after another. A failing subscriber is
 * recorded and the rest still go, as on the queue.
 */
export class InProcessDigestQueue implements DigestJobQueue {
  readonly outcomes: {
    readonly subscriberId: string;
    readonly outcome?: DigestOutcome;
    readonly error?: string;
  }[] = [];

  constructor(private readonly deps: DigestDependencies) {}

  async enqueue(jobs: readonly DigestJob[]): Promise<void> {
    for (const job of jobs) {
      try {
        this.outcomes.push({ subscriberId: job.subscriberId, outcome: await sendDigest(job, this.deps) });
      } catch (error) {
        this.outcomes.push({
          subscriberId: job.subscriberId,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }
}
