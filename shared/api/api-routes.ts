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

/**
 * Subscription routes (subscribe, confirm, preferences, unsubscribe) are public but protected by
 * the token in each emailed link; they live with the digest work under shared/subscriptions/.
 *
 * MOUNT POINT: when shared/subscriptions/ exports its request handlers, adapt them to `Route`s
 * with `access: "public"` here. Both servers (functions/api.ts and infra/local/api-server.ts)
 * serve whatever this returns, and the CDK routes `/subscriptions/*` without the JWT authorizer.
 */
export function subscriptionRoutes(): Route[] {
  return [];
}
