import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from "aws-lambda";
import { apiDependencies } from "#shared/api/api-dependencies.js";
import { gatewayJwtAuthenticator } from "#shared/api/auth/gateway-jwt-authenticator.js";
import { createApi } from "#shared/api/create-api.js";
import { createAwsClients } from "#shared/aws/clients.js";
import { readEnvironment } from "#shared/config/environment.js";
import { createLogger } from "#shared/log/index.js";
import { httpApiHandler } from "./http/http-api-adapter.js";

const logger = createLogger("api");
const env = readEnvironment();
// API Gateway has verified the reviewer's Cognito token before this runs. No subscription routes
// here: this function is read-only on the change log (functions/subscriptions.ts has the writes).
const api = httpApiHandler(
  createApi({
    dependencies: apiDependencies(env, createAwsClients(env)),
    authenticate: gatewayJwtAuthenticator,
    logger,
  }),
);

/** API Gateway HTTP API (payload 2.0, JWT authorizer on the review routes). */
export async function handler(event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) {
  logger.addContext(context);
  return api(event);
}
