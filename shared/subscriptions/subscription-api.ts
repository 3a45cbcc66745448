import type { HttpHandler, HttpRequest } from "../http/http-request.js";
import type { HttpResponse } from "../http/http-response.js";
import { generationOf } from "../subscribers/subscriber-store.js";
import { readFormBody } from "./form-body.js";
import { ceus } from "./handlers/ceu-handler.js";
import { confirm } from "./handlers/confirm-handler.js";
import {
  type LinkHolder,
  messagePage,
  nowOf,
  type SubscriptionPageDependencies,
  tokenProblemPage,
} from "./handlers/page-context.js";
import { preferences } from "./handlers/preferences-handler.js";
import { checkInbox, newLink, signUp, unsubscribed } from "./handlers/sign-up-handler.js";
import { unsubscribe } from "./handlers/unsubscribe-handler.js";
import { SUBSCRIPTION_PATHS } from "./subscription-links.js";
import { TokenError, type TokenPurpose } from "./subscription-token.js";

export type { SubscriptionPageDependencies } from "./handlers/page-context.js";

/** A page behind a signed link: called with the subscriber the link's current token belongs to. */
export type LinkedPage = (
  deps: SubscriptionPageDependencies,
  request: HttpRequest,
  holder: LinkHolder,
) => Promise<HttpResponse>;

/** Which methods each page answers; anything else is a 405 page. */
const METHODS: Readonly<Record<string, readonly string[]>> = {
  [SUBSCRIPTION_PATHS.signUp]: ["GET", "POST"],
  [SUBSCRIPTION_PATHS.checkInbox]: ["GET"],
  [SUBSCRIPTION_PATHS.newLink]: ["POST"],
  [SUBSCRIPTION_PATHS.unsubscribed]: ["GET"],
  [SUBSCRIPTION_PATHS.confirm]: ["GET", "POST"],
  [SUBSCRIPTION_PATHS.preferences]: ["GET", "POST"],
  [SUBSCRIPTION_PATHS.unsubscribe]: ["GET", "POST"],
  [SUBSCRIPTION_PATHS.ceu]: ["GET", "POST"],
  [SUBSCRIPTION_PATHS.digest]: ["GET"],
};

/**
 * The subscription pages (shared/subscriptions/README.md lists them) as framework-free handlers:
 * `routes` maps each path to its handler, `handle` routes any request under /subscriptions.
 * Pages behind a link verify its token (signature, purpose, expiry) and that it was signed in the
 * subscriber's current generation; a link that fails gets a page saying what happened and offering
 * a fresh one. `linkedPages` adds pages of higher layers behind the same checks (the digest page).
 */
export function subscriptionApi(
  deps: SubscriptionPageDependencies,
  linkedPages: Partial<Record<TokenPurpose, LinkedPage>> = {},
) {
  const behind = (purpose: TokenPurpose, page: LinkedPage): HttpHandler => withLink(deps, purpose, page);
  const routes: Readonly<Record<string, HttpHandler>> = {
    [SUBSCRIPTION_PATHS.signUp]: (request) => signUp(deps, request),
    [SUBSCRIPTION_PATHS.checkInbox]: (request) => checkInbox(deps, request),
    [SUBSCRIPTION_PATHS.newLink]: (request) => newLink(deps, request),
    [SUBSCRIPTION_PATHS.unsubscribed]: () => unsubscribed(deps),
    [SUBSCRIPTION_PATHS.confirm]: behind("confirm", confirm),
    [SUBSCRIPTION_PATHS.preferences]: behind("preferences", preferences),
    [SUBSCRIPTION_PATHS.unsubscribe]: behind("unsubscribe", unsubscribe),
    [SUBSCRIPTION_PATHS.ceu]: behind("ceu", ceus),
    ...(linkedPages.digest ? { [SUBSCRIPTION_PATHS.digest]: behind("digest", linkedPages.digest) } : {}),
  };

  /** Every subscription page by path; anything else under /subscriptions is a 404 page. */
  const handle: HttpHandler = async (request) => {
    const path = request.path.replace(/\/+$/, "") || "/";
    const route = routes[path];
    if (!route) {
      return messagePage(
        deps,
        {
          heading: "Page not found",
          paragraphs: ["There is no codecurrent page at this address."],
          newLink: {},
        },
        404,
      );
    }
    const allowed = METHODS[path] ?? ["GET"];
    if (!allowed.includes(request.method.toUpperCase())) {
      const page = messagePage(
        deps,
        {
          heading: "This page cannot do that",
          paragraphs: [`Open this page from its link (${allowed.join(" or ")}).`],
        },
        405,
      );
      return { ...page, headers: { ...page.headers, allow: allowed.join(", ") } };
    }
    return route(request);
  };

  return { routes, handle };
}

function withLink(deps: SubscriptionPageDependencies, purpose: TokenPurpose, page: LinkedPage): HttpHandler {
  return async (request) => {
    // Links carry the token in the query; the pages' own forms post it back as a field.
    const token =
      request.query.token ??
      (request.method.toUpperCase() === "POST"
        ? (await readFormBody(request).catch(() => undefined))?.get("token")
        : undefined);
    if (!token) return tokenProblemPage(deps, "missing");
    let claims: ReturnType<typeof deps.tokens.verify>;
    try {
      claims = deps.tokens.verify(token, purpose, nowOf(deps));
    } catch (error) {
      if (!(error instanceof TokenError)) throw error;
      return tokenProblemPage(deps, error.problem, error.message);
    }
    const subscriber = await deps.subscribers.get(claims.subscriberId);
    if (!subscriber) return tokenProblemPage(deps, "gone");
    // Links signed before the last unsubscribe (or a sign-up after it) are dead. Unsubscribing is
    // the exception: an unsubscribed reader's old unsubscribe link still says they are unsubscribed.
    const finished = subscriber.status === "unsubscribed" || subscriber.status === "suppressed";
    if (claims.generation !== generationOf(subscriber) && !(purpose === "unsubscribe" && finished)) {
      return tokenProblemPage(deps, "revoked", new TokenError("revoked").message);
    }
    if (finished && purpose !== "unsubscribe")
      return tokenProblemPage(deps, "revoked", new TokenError("revoked").message);
    return page(deps, request, { subscriber, claims, token });
  };
}
