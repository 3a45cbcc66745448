import type { SubscriptionHandler } from "../subscriptions/subscription-request.js";
import type { Route } from "./http/router.js";

/** The subscription handlers of shared/subscriptions/ (`subscriptionApi(deps)`), by path. */
export interface SubscriptionHandlers {
  readonly routes: Readonly<Record<string, SubscriptionHandler>>;
}

/**
 * Subscription routes (sign up, confirm, preferences, unsubscribe, CEUs) are public: each link
 * carries a signed token that its handler verifies, so they are mounted with `access: "public"`
 * and answered by shared/subscriptions/ unchanged. Every method goes to the handler, which
 * answers its own 405s (one-click unsubscribe is a POST, preferences also take PUT).
 */
export function subscriptionRoutes(handlers: SubscriptionHandlers | undefined): Route[] {
  if (!handlers) return [];
  const methods = ["GET", "POST", "PUT"] as const;
  return Object.entries(handlers.routes).flatMap(([path, handle]) =>
    methods.map(
      (method): Route => ({
        method,
        path,
        access: "public",
        handle: async ({ request }) => handle(request),
      }),
    ),
  );
}
