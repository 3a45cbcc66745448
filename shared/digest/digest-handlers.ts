import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import { z } from "zod";
import { createAwsClients } from "../aws/clients.js";
import { sendCeuReminders } from "../ceu/send-ceu-reminders.js";
import { readEnvironment } from "../config/environment.js";
import { type SnsEvent, suppressFromSesEvents } from "../email/suppress-recipients.js";
import { createLogger } from "../log/index.js";
import { SubscriberStore } from "../subscribers/subscriber-store.js";
import { type DigestDependencies, digestDependencies } from "./digest-dependencies.js";
import { dispatchDigests } from "./dispatch-digests.js";
import { sendDigest } from "./send-digest.js";
import { SqsDigestQueue } from "./sqs-digest-queue.js";

const logger = createLogger("digests");
const env = readEnvironment();
const clients = createAwsClients(env);
// Built once per container: the token secret is read from SSM once, the change window cache is reused.
let dependencies: Promise<DigestDependencies> | undefined;
const deps = () => {
  dependencies ??= digestDependencies(env, clients);
  return dependencies;
};

const DigestJob = z.object({ subscriberId: z.string().min(1), at: z.iso.datetime() });

/** Hourly: queue a job for each subscriber whose send hour it is. */
export async function dispatchFromSchedule(): Promise<{ queued: number }> {
  if (!env.digestQueueUrl) throw new Error("CODECURRENT_DIGEST_QUEUE_URL is not set");
  // Only ids go on the queue: the dispatcher needs neither the token secret nor SES.
  const subscribers = new SubscriberStore(clients.dynamo, env.subscribersTable);
  const queued = await dispatchDigests(subscribers, new SqsDigestQueue(clients.sqs, env.digestQueueUrl));
  logger.info("digests dispatched", { queued });
  return { queued };
}

/** SQS: one digest per message; a failed message is retried alone (partial batch response). */
export async function sendFromQueue(event: SQSEvent): Promise<SQSBatchResponse> {
  const failures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    try {
      const outcome = await sendDigest(DigestJob.parse(JSON.parse(record.body)), await deps());
      logger.info("digest", { messageId: record.messageId, ...outcome });
    } catch (error) {
      logger.error("digest failed", {
        messageId: record.messageId,
        error: error instanceof Error ? error.message : String(error),
      });
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
}

/** Daily: CEU reminders 90, 30 and 7 days before a cycle ends. */
export async function remindFromSchedule(): Promise<{ sent: number; failed: number }> {
  const run = await sendCeuReminders(await deps());
  logger.info("ceu reminders", { ...run });
  if (run.failed > 0) throw new Error(`${run.failed} CEU reminder(s) failed; ${run.sent} sent`);
  return run;
}

/** SNS (SES configuration set events): permanent bounces and complaints suppress the address. */
export async function suppressFromSns(event: SnsEvent): Promise<{ suppressed: number }> {
  const subscribers = new SubscriberStore(clients.dynamo, env.subscribersTable);
  const suppressed = await suppressFromSesEvents(event, subscribers);
  logger.info("ses events", { records: event.Records.length, suppressed });
  return { suppressed };
}
