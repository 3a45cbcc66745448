import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from "aws-lambda";
import { createAwsClients } from "../aws/clients.js";
import { readEnvironment } from "../config/environment.js";
import { digestDependencies } from "../digest/digest-dependencies.js";
import { createLogger, type Logger } from "../log/index.js";
import { type SubscriptionDependencies, subscriptionApi } from "../subscriptions/subscription-api.js";
import { jsonResponse } from "./http/api-response.js";
import { createRouter } from "./http/router.js";
import { lambdaAdapter } from "./lambda-adapter.js";
import { subscriptionRoutes } from "./subscription-routes.js";

type EventHandler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyResultV2>;

/**
 * The public subscription endpoints (sign-up, confirm, preferences, unsubscribe, CEUs) as a
 * Lambda function of their own, so the review API's function stays read-only: this one writes
 * subscribers, reads the token secret and sends the confirmation email. Same router, same
 * subscription routes and the same payload 2.0 translation as the review API and the local
 * server, so a link behaves identically everywhere.
 *
 * `dependencies` is called on the first request and its result kept for warm invocations; if it
 * fails (the SSM token secret missing or unreadable), the request answers 503 and the next one
 * tries again rather than the container staying broken.
 */
export function subscriptionEventHandler(
  dependencies: () => Promise<SubscriptionDependencies>,
  logger?: Logger,
): EventHandler {
  let handle: Promise<ReturnType<typeof lambdaAdapter>> | undefined;
  const build = async () => {
    const api = subscriptionApi(await dependencies());
    return lambdaAdapter(
      createRouter(subscriptionRoutes(api), {
        // Every route here is public (each checks its own token): there is no reviewer to sign in.
        authenticate: () => undefined,
        onUnexpectedError: (error, request) =>
          // Method and path only: the query string and the body carry tokens and addresses.
          logger?.error("subscription request failed", {
            method: request.method,
            path: request.path,
            requestId: request.requestId,
            error:
              error instanceof Error
                ? { name: error.name, message: error.message, stack: error.stack }
                : String(error),
          }),
      }),
    );
  };

  return async (event) => {
    handle ??= build();
    let adapter: Awaited<typeof handle>;
    try {
      adapter = await handle;
    } catch (error) {
      handle = undefined;
      logger?.error("subscription endpoints unavailable", {
        requestId: event.requestContext.requestId,
        error: error instanceof Error ? { name: error.name, message: error.message } : String(error),
      });
      const response = jsonResponse(
        {
          error: "unavailable",
          message: "subscriptions are unavailable right now; try the link again in a few minutes",
          requestId: event.requestContext.requestId,
        },
        503,
      );
      return { statusCode: response.status, headers: { ...response.headers }, body: String(response.body) };
    }
    return adapter(event);
  };
}

/** API Gateway HTTP API (payload 2.0) on `/subscriptions` and `/subscriptions/{proxy+}`, no authorizer. */
export const handleSubscriptionEvent: EventHandler = subscriptionEventHandler(() => {
  // Built the way the digest functions build theirs: the token secret from SSM, SES through the configuration set.
  const env = readEnvironment();
  return digestDependencies(env, createAwsClients(env));
}, createLogger("subscriptions"));
