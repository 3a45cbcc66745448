import type { APIGatewayProxyEventV2, Context } from "aws-lambda";
import { createSubscriptionApi } from "#shared/api/create-subscription-api.js";
import { createAwsClients } from "#shared/aws/clients.js";
import { readEnvironment } from "#shared/config/environment.js";
import { createLogger } from "#shared/log/index.js";
import { subscriptionApi } from "#shared/subscriptions/subscription-api.js";
import { subscriptionServices, withTokens } from "#shared/subscriptions/subscription-services.js";
import { tokenSecret } from "#shared/subscriptions/token-secret.js";
import { httpApiHandler } from "./http/http-api-adapter.js";

const logger = createLogger("subscriptions");
const env = readEnvironment();
const clients = createAwsClients(env);
const services = subscriptionServices(env, clients);
const secret = tokenSecret(env, () => clients.ssm);
const api = httpApiHandler(
  createSubscriptionApi({
    handlers: async () => subscriptionApi(await withTokens(services, secret)),
    logger,
  }),
);

/** API Gateway HTTP API (payload 2.0), public: /subscriptions and /subscriptions/{proxy+}, token-protected. */
export async function handler(event: APIGatewayProxyEventV2, context: Context) {
  logger.addContext(context);
  return api(event);
}
