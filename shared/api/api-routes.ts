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
