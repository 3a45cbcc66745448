import { SendMessageBatchCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { DigestJobQueue } from "./dispatch-digests.js";
import type { DigestJob } from "./send-digest.js";

/** SQS takes at most 10 messages per batch. */
const BATCH = 10;

/** Fans digest jobs out to the send-digest queue; messages carry ids, never addresses. */
export class SqsDigestQueue implements DigestJobQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(jobs: readonly DigestJob[]): Promise<void> {
    for (let i = 0; i < jobs.length; i += BATCH) {
      const batch = jobs.slice(i, i + BATCH);
      const result = await this.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: batch.map((job, n) => ({ Id: String(n), MessageBody: JSON.stringify(job) })),
        }),
      );
      if (result.Failed && result.Failed.length > 0) {
        throw new Error(
          `SQS refused ${result.Failed.length} digest job(s): ${result.Failed[0]?.Code ?? "unknown"}`,
        );
      }
    }
  }
}
