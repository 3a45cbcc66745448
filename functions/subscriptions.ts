import type { APIGatewayProxyEvent, Context } from "aws-lambda";
import { createSubscriptionApi, subscriptionPages } from "#shared/api/create-subscription-api.js";
import { createAwsClients } from "#shared/aws/clients.js";
import { ChangeStore } from "#shared/changes/change-store.js";
import { ENVIRONMENT_VARIABLES, readEnvironment } from "#shared/config/environment.js";
import { ChangeWindow } from "#shared/digest/change-window.js";
import { completeReleasesIn } from "#shared/digest/complete-releases.js";
import { createLogger } from "#shared/log/index.js";
import { DynamoReleaseStore } from "#shared/releases/dynamo-release-store.js";
import { CeuLog } from "#shared/subscribers/ceu-log.js";
import { SubscriberStore } from "#shared/subscribers/subscriber-store.js";
import { SqsSignUpQueue } from "#shared/subscriptions/sqs-sign-up-queue.js";
import { SubscriptionTokens } from "#shared/subscriptions/subscription-token.js";
import { tokenSecret } from "#shared/subscriptions/token-secret.js";
import { restApiHandler } from "./http/rest-api-adapter.js";

const logger = createLogger("subscriptions");
const env = readEnvironment();
const clients = createAwsClients(env);
if (!env.signUpQueueUrl) throw new Error(`${ENVIRONMENT_VARIABLES.signUpQueueUrl} is not set`);
// What the pages use, and no more: they send no email (the sign-up worker does), so neither SES
// nor the MIME composer is built or bundled here.
const services = {
  subscribers: new SubscriberStore(clients.dynamo, env.subscribersTable),
  ceuLog: new CeuLog(clients.dynamo, { ceus: env.ceusTable, subscribers: env.subscribersTable }),
  signUps: new SqsSignUpQueue(clients.sqs, env.signUpQueueUrl),
  baseUrl: env.publicBaseUrl,
};
// The digest page reads the change log (changes of complete releases); its cache outlives an invocation.
const changes = new ChangeWindow(
  new ChangeStore(clients.dynamo, env.changesTable),
  completeReleasesIn(new DynamoReleaseStore(clients.dynamo, env.sourcesTable)),
);
const secret = tokenSecret(env, () => clients.ssm);
const api = restApiHandler(
  createSubscriptionApi({
    pages: async () =>
      subscriptionPages({ ...services, tokens: new SubscriptionTokens(await secret()) }, changes),
    logger,
  }),
);

/** API Gateway REST API (payload 1.0), public behind the WAF: /subscriptions and /subscriptions/{proxy+}. */
export async function handler(event: APIGatewayProxyEvent, context: Context) {
  logger.addContext(context);
  return api(event);
}
