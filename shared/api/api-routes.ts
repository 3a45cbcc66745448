import type { SubscriptionHandler } from "../subscriptions/subscription-request.js";
import type { ApiDependencies } from "./api-dependencies.js";
import type { Route } from "./http/router.js";
import { changeRoutes } from "./routes/change-routes.js";
import { codeHistoryRoute } from "./routes/code-history-route.js";
import { evidenceRoute } from "./routes/evidence-route.js";
import { runRoutes } from "./routes/run-routes.js";
import { sourceRoutes } from "./routes/source-routes.js";

/** The compliance review routes: every one needs a signed-in reviewer. */
export function reviewRoutes(deps: ApiDependencies): Route[] {
  return [
    ...changeRoutes(deps),
    codeHistoryRoute(deps),
    ...sourceRoutes(deps),
    ...runRoutes(deps),
    evidenceRoute(deps),
  ];
}

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
