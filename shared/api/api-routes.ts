import type { ApiDependencies } from "./api-dependencies.js";
import type { Route } from "./http/router.js";
import { changeRoutes } from "./routes/change-routes.js";
import { codeHistoryRoute } from "./routes/code-history-route.js";
import { evidenceRoute } from "./routes/evidence-route.js";
import { runRoutes } from "./routes/run-routes.js";
import { sourceRoutes } from "./routes/source-routes.js";

// In their own module so the subscription function bundles them without the review routes (and the
// source catalog those import); re-exported for the router and the local server.
export { type SubscriptionHandlers, subscriptionRoutes } from "./subscription-routes.js";

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
