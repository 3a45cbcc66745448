import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { z } from "zod";
import { createAwsClients } from "#shared/aws/clients.js";
import { readEnvironment } from "#shared/config/environment.js";
import { digestServices } from "#shared/digest/digest-dependencies.js";
import { sendDigest } from "#shared/digest/send-digest.js";
import { createLogger } from "#shared/log/index.js";
import { withTokens } from "#shared/subscriptions/subscription-services.js";
import { tokenSecret } from "#shared/subscriptions/token-secret.js";

const DigestJob = z.object({ subscriberId: z.string().min(1), at: z.iso.datetime() });

const logger = createLogger("digests");
const env = readEnvironment();
const clients = createAwsClients(env);
// Built once per container: the change window's cache and the sender's pacing outlive an invocation.
const services = digestServices(env, clients);
const secret = tokenSecret(env, () => clients.ssm);
const processor = new BatchProcessor(EventType.SQS);

/**
 * SQS: `{ subscriberId, at }` per message; sends that subscriber's digest at most once. A failed
 * message is reported alone (partial batch response) and retried alone; the others are done.
 */
export async function handler(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
  logger.addContext(context);
  const deps = await withTokens(services, secret);
  return processPartialResponse(
    event,
    async (record: SQSRecord) => {
      try {
        const outcome = await sendDigest(DigestJob.parse(JSON.parse(record.body)), deps);
        logger.info("digest", { messageId: record.messageId, ...outcome });
      } catch (error) {
        logger.error("digest failed", {
          messageId: record.messageId,
          error: error instanceof Error ? error.message : String(error),
        });
        throw error;
      }
    },
    processor,
    { context },
  );
}
