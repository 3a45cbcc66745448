import type { HttpHandler } from "../http/http-request.js";
import type { Logger } from "../log/index.js";
import type { ApiDependencies } from "./api-dependencies.js";
import { reviewRoutes } from "./api-routes.js";
import type { Authenticator } from "./auth/authenticator.js";
import { createRouter } from "./http/router.js";

export interface ApiOptions {
  readonly dependencies: ApiDependencies;
  /** Cognito claims checked by API Gateway in AWS; the printed bearer token locally. */
  readonly authenticate: Authenticator;
  readonly logger?: Logger;
}

/**
 * The review API as one request handler, the same in Lambda and in the local server. (The public
 * subscription pages are a handler of their own: create-subscription-api.ts.)
 */
export function createApi(options: ApiOptions): HttpHandler {
  return createRouter(reviewRoutes(options.dependencies), {
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
