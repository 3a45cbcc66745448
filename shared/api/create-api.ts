import type { Logger } from "../log/index.js";
import type { ApiDependencies } from "./api-dependencies.js";
import { reviewRoutes, type SubscriptionHandlers, subscriptionRoutes } from "./api-routes.js";
import type { Authenticator } from "./auth/authenticator.js";
import { createRouter, type RequestHandler } from "./http/router.js";

export interface ApiOptions {
  readonly dependencies: ApiDependencies;
  /** Cognito claims checked by API Gateway in AWS; the printed bearer token locally. */
  readonly authenticate: Authenticator;
  readonly logger?: Logger;
  /** shared/subscriptions/ handlers (`subscriptionApi(deps)`); absent = no subscription routes. */
  readonly subscriptions?: SubscriptionHandlers;
}

/** The whole HTTP API as one request handler, the same in Lambda and in the local server. */
export function createApi(options: ApiOptions): RequestHandler {
  return createRouter([...reviewRoutes(options.dependencies), ...subscriptionRoutes(options.subscriptions)], {
    authenticate: options.authenticate,
    onUnexpectedError: (error, request) =>
      // Method and path only: query strings and headers may carry tokens.
      options.logger?.error("request failed", {
        method: request.method,
        path: request.path,
        requestId: request.requestId,
        error:
          error instanceof Error
            ? { name: error.name, message: error.message, stack: error.stack }
            : String(error),
      }),
  });
}
