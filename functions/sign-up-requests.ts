import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { createAwsClients } from "#shared/aws/clients.js";
import { readEnvironment } from "#shared/config/environment.js";
import { createLogger } from "#shared/log/index.js";
import { handleSignUpRequest } from "#shared/subscriptions/handle-sign-up-request.js";
import { signUpRequestSchema } from "#shared/subscriptions/sign-up-request.js";
import { subscriptionServices, withTokens } from "#shared/subscriptions/subscription-services.js";
import { tokenSecret } from "#shared/subscriptions/token-secret.js";

const logger = createLogger("sign-ups");
const env = readEnvironment();
const clients = createAwsClients(env);
// Built once per container: the sender's pacing outlives an invocation.
const services = subscriptionServices(env, clients);
const secret = tokenSecret(env, () => clients.ssm);
const processor = new BatchProcessor(EventType.SQS);

/**
 * SQS: one sign-up or fresh-link request per message, queued by the public forms. A failed message
 * is reported alone (partial batch response) and retried alone. Logs say what happened, never to
 * which address.
 */
export async function handler(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
  logger.addContext(context);
  const deps = await withTokens(services, secret);
  return processPartialResponse(
    event,
    async (record: SQSRecord) => {
      const request = signUpRequestSchema.parse(JSON.parse(record.body));
      const outcome = await handleSignUpRequest(request, deps);
      logger.info("sign-up request", { messageId: record.messageId, kind: request.kind, ...outcome });
    },
    processor,
    { context },
  );
}
