import type { APIGatewayProxyEventV2WithJWTAuthorizer } from "aws-lambda";
import { createAwsClients } from "../aws/clients.js";
import { readEnvironment } from "../config/environment.js";
import { createLogger } from "../log/index.js";
import { apiDependencies } from "./api-dependencies.js";
import { gatewayJwtAuthenticator } from "./auth/gateway-jwt-authenticator.js";
import { createApi } from "./create-api.js";
import { lambdaAdapter } from "./lambda-adapter.js";

const logger = createLogger("api");
// Built on the first request and reused by warm invocations.
let handle: ReturnType<typeof lambdaAdapter> | undefined;

/**
 * The API Lambda: API Gateway has verified the reviewer's Cognito token before this runs.
 *
 * MOUNT POINT (subscriptions in AWS): this function's role is read-only on the change log, so it
 * serves no subscription routes. Sign-up and preferences write the subscribers table, send mail
 * and read the token secret from SSM: serve them from a function of their own with those grants
 * (`createApi({ …, subscriptions: subscriptionApi(await digestDependencies(env, clients)) })`)
 * and point the HTTP API's `/subscriptions/{proxy+}` routes (infra/constructs/api.ts) at it.
 */
export function handleApiEvent(event: APIGatewayProxyEventV2WithJWTAuthorizer) {
  if (!handle) {
    const env = readEnvironment();
    handle = lambdaAdapter(
      createApi({
        dependencies: apiDependencies(env, createAwsClients(env)),
        authenticate: gatewayJwtAuthenticator,
        logger,
      }),
    );
  }
  return handle(event);
}
