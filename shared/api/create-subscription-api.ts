import type { Logger } from "../log/index.js";
import { jsonResponse } from "./http/api-response.js";
import { createRouter, type RequestHandler } from "./http/router.js";
import { type SubscriptionHandlers, subscriptionRoutes } from "./subscription-routes.js";

export interface SubscriptionApiOptions {
  /**
   * The subscription handlers (`subscriptionApi(deps)`), asked for on every request: building
   * them reads the token secret, which its provider caches. If that fails (the SSM parameter
   * missing or unreadable), the request answers 503 and the next one tries again.
   */
  readonly handlers: () => Promise<SubscriptionHandlers>;
  readonly logger?: Logger;
}

/**
 * The public subscription endpoints (sign-up, confirm, preferences, unsubscribe, CEUs) as one
 * request handler of their own, so the review API stays read-only: this one writes subscribers,
 * reads the token secret and sends the confirmation email. Same router and subscription routes as
 * the review API and the local server, so a link behaves identically everywhere.
 */
export function createSubscriptionApi(options: SubscriptionApiOptions): RequestHandler {
  const { logger } = options;
  return async (request) => {
    let handlers: SubscriptionHandlers;
    try {
      handlers = await options.handlers();
    } catch (error) {
      logger?.error("subscription endpoints unavailable", {
        requestId: request.requestId,
        error: error instanceof Error ? { name: error.name, message: error.message } : String(error),
      });
      return jsonResponse(
        {
          error: "unavailable",
          message: "subscriptions are unavailable right now; try the link again in a few minutes",
          requestId: request.requestId,
        },
        503,
      );
    }
    const router = createRouter(subscriptionRoutes(handlers), {
      // Every route here is public (each checks its own token): there is no reviewer to sign in.
      authenticate: () => undefined,
      onUnexpectedError: (error, failed) =>
        // Method and path only: the query string and the body carry tokens and addresses.
        logger?.error("subscription request failed", {
          method: failed.method,
          path: failed.path,
          requestId: failed.requestId,
          error:
            error instanceof Error
              ? { name: error.name, message: error.message, stack: error.stack }
              : String(error),
        }),
    });
    return router(request);
  };
}
