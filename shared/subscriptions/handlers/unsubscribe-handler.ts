import type { HttpRequest } from "../../http/http-request.js";
import type { HttpResponse } from "../../http/http-response.js";
import { readFormBody } from "../form-body.js";
import { renderPage } from "../pages/render-page.js";
import { SUBSCRIPTION_PATHS } from "../subscription-links.js";
import {
  type LinkHolder,
  linkFor,
  nowOf,
  type SubscriptionPageDependencies,
  seeOther,
  urlOf,
} from "./page-context.js";

/**
 * GET shows a button and changes nothing (scanners follow links). POST unsubscribes: the page's
 * form, or a mail client's RFC 8058 one-click POST (`List-Unsubscribe=One-Click`) to the URL of
 * the `List-Unsubscribe` header. Unsubscribing retires every link sent before. Idempotent: a second
 * click, or a retry, gets the same answer.
 */
export async function unsubscribe(
  deps: SubscriptionPageDependencies,
  request: HttpRequest,
  holder: LinkHolder,
): Promise<HttpResponse> {
  const { subscriber, token } = holder;
  const done = subscriber.status === "unsubscribed" || subscriber.status === "suppressed";
  if (request.method !== "POST") {
    if (done) return seeOther(urlOf(deps, SUBSCRIPTION_PATHS.unsubscribed));
    return renderPage("unsubscribe", {
      home: urlOf(deps, SUBSCRIPTION_PATHS.signUp),
      action: urlOf(deps, SUBSCRIPTION_PATHS.unsubscribe),
      token,
      links: { preferences: linkFor(deps, "preferences", subscriber) },
    });
  }
  const form = await readFormBody(request).catch(() => undefined);
  const oneClick = form?.get("List-Unsubscribe") === "One-Click";
  if (!done)
    await deps.subscribers.unsubscribe(subscriber.subscriberId, oneClick ? "one-click" : "link", nowOf(deps));
  // A mail client shows nothing of the answer to a one-click POST: a plain 200 is all it needs.
  if (oneClick)
    return {
      status: 200,
      headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
      body: "Unsubscribed.\n",
    };
  return seeOther(urlOf(deps, SUBSCRIPTION_PATHS.unsubscribed));
}
