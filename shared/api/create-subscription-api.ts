import type { ChangeWindow } from "../digest/change-window.js";
import { digestPage } from "../digest/digest-page.js";
import type { HttpHandler, HttpRequest } from "../http/http-request.js";
import type { HttpResponse } from "../http/http-response.js";
import type { Logger } from "../log/index.js";
import { renderPage } from "../subscriptions/pages/render-page.js";
import { type SubscriptionPageDependencies, subscriptionApi } from "../subscriptions/subscription-api.js";
import { SUBSCRIPTION_PATHS } from "../subscriptions/subscription-links.js";

/** The subscription pages with the digest page among them: what every server of /subscriptions mounts. */
export function subscriptionPages(
  deps: SubscriptionPageDependencies,
  changes: Pick<ChangeWindow, "between">,
) {
  return subscriptionApi(deps, { digest: digestPage(changes) });
}

export interface SubscriptionApiOptions {
  /**
   * The pages (`subscriptionPages(deps, changes)`), asked for on every request: building them reads
   * the token secret, which its provider caches. If that fails (the SSM parameter missing or
   * unreadable), the request gets a page saying so (503) and the next one tries again.
   */
  readonly pages: () => Promise<{ handle(request: HttpRequest): Promise<HttpResponse> }>;
  readonly logger?: Logger;
}

/**
 * The public subscription pages (sign-up, confirm, preferences, CEU log, unsubscribe, the digest)
 * as one request handler of their own, apart from the read-only review API: this one writes
 * subscribers and reads the token secret. Every answer is a page — a failure too, with no stack
 * trace and no JSON.
 */
export function createSubscriptionApi(options: SubscriptionApiOptions): HttpHandler {
  const { logger } = options;
  return async (request) => {
    let pages: Awaited<ReturnType<SubscriptionApiOptions["pages"]>>;
    try {
      pages = await options.pages();
    } catch (error) {
      logger?.error("subscription pages unavailable", {
        requestId: request.requestId,
        error: describe(error, false),
      });
      return problemPage(
        503,
        "Subscriptions are unavailable right now",
        "Please try the link again in a few minutes.",
      );
    }
    try {
      return await pages.handle(request);
    } catch (error) {
      // Method and path only: the query string and the body carry tokens and addresses.
      logger?.error("subscription request failed", {
        method: request.method,
        path: request.path,
        requestId: request.requestId,
        error: describe(error, true),
      });
      return problemPage(
        500,
        "Something went wrong on our side",
        `Nothing was changed. Please try again in a few minutes${request.requestId ? ` (reference ${request.requestId})` : ""}.`,
      );
    }
  };
}

function problemPage(status: number, heading: string, paragraph: string): HttpResponse {
  return renderPage(
    "message",
    { home: SUBSCRIPTION_PATHS.signUp, heading, paragraphs: [paragraph], links: [], errors: [] },
    status,
  );
}

function describe(error: unknown, stack: boolean): unknown {
  return error instanceof Error
    ? { name: error.name, message: error.message, ...(stack ? { stack: error.stack } : {}) }
    : String(error);
}
