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
 * It serves no subscription routes: its role is read-only on the change log, while sign-up and
 * preferences write the subscribers table, send mail and read the token secret from SSM. Those
 * run in their own function with those grants (subscription-handler.ts, functions/subscriptions.ts),
 * which the HTTP API's `/subscriptions` routes point at (infra/constructs/subscription-endpoints.ts).
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
