import type { Context } from "aws-lambda";
import { createAwsClients } from "#shared/aws/clients.js";
import { ENVIRONMENT_VARIABLES, readEnvironment } from "#shared/config/environment.js";
import { dispatchDigests } from "#shared/digest/dispatch-digests.js";
import { SqsDigestQueue } from "#shared/digest/sqs-digest-queue.js";
import { createLogger } from "#shared/log/index.js";
import { SubscriberStore } from "#shared/subscribers/subscriber-store.js";

const logger = createLogger("digests");
const env = readEnvironment();
const clients = createAwsClients(env);
// Only ids go on the queue: the dispatcher needs neither the token secret nor SES.
const subscribers = new SubscriberStore(clients.dynamo, env.subscribersTable);

/** Hourly (EventBridge): queue the digests due at this hour in each subscriber's time zone. */
export async function handler(_event: unknown, context: Context): Promise<{ queued: number }> {
  logger.addContext(context);
  if (!env.digestQueueUrl) throw new Error(`${ENVIRONMENT_VARIABLES.digestQueueUrl} is not set`);
  const queued = await dispatchDigests(subscribers, new SqsDigestQueue(clients.sqs, env.digestQueueUrl));
  logger.info("digests dispatched", { queued });
  return { queued };
}
