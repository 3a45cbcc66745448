import type { HttpResponse } from "../../http/http-response.js";
import type { CeuLog } from "../../subscribers/ceu-log.js";
import type { Subscriber } from "../../subscribers/subscriber.js";
import type { SubscriberStore } from "../../subscribers/subscriber-store.js";
import { renderPage } from "../pages/render-page.js";
import type { SignUpQueue } from "../sign-up-request.js";
import { SUBSCRIPTION_PATHS, signedLink } from "../subscription-links.js";
import type { SubscriptionTokens, TokenClaims, TokenProblem, TokenPurpose } from "../subscription-token.js";

/** What the subscription pages need: no SES and no secret of their own beyond the tokens. */
export interface SubscriptionPageDependencies {
  readonly subscribers: Pick<SubscriberStore, "get" | "confirm" | "unsubscribe" | "updatePreferences">;
  readonly ceuLog: Pick<CeuLog, "log" | "remove" | "page" | "since">;
  /** Sign-ups and fresh-link requests: handled out of the requester's sight (see sign-up-request.ts). */
  readonly signUps: SignUpQueue;
  readonly tokens: SubscriptionTokens;
  /** The public base URL the pages and every link are served under. */
  readonly baseUrl: string;
  /** Tests set the time; pages otherwise read the clock. */
  readonly clock?: () => Date;
}

/** The subscriber a valid, current link belongs to. */
export interface LinkHolder {
  readonly subscriber: Subscriber;
  readonly claims: TokenClaims;
  readonly token: string;
}

export function nowOf(deps: SubscriptionPageDependencies): Date {
  return deps.clock?.() ?? new Date();
}

export function urlOf(deps: SubscriptionPageDependencies, path: string): string {
  return `${deps.baseUrl}${path}`;
}

/** A fresh link to another page for the same subscriber (the pages link each other). */
export function linkFor(
  deps: SubscriptionPageDependencies,
  purpose: TokenPurpose,
  subscriber: Subscriber,
): string {
  return signedLink(deps.baseUrl, deps.tokens, purpose, subscriber, nowOf(deps));
}

/** POST-redirect-GET: a form's answer is a redirect, so a reload never submits it twice. */
export function seeOther(location: string): HttpResponse {
  return {
    status: 303,
    headers: { location, "cache-control": "no-store", "content-type": "text/plain; charset=utf-8" },
    body: "",
  };
}

export interface MessagePage {
  readonly heading: string;
  readonly paragraphs: readonly string[];
  /** Offer the "email me a fresh link" form. */
  readonly newLink?: { readonly email?: string };
  readonly links?: readonly { readonly label: string; readonly url: string }[];
  readonly errors?: readonly { readonly field: string; readonly message: string }[];
}

export function messagePage(
  deps: SubscriptionPageDependencies,
  page: MessagePage,
  status = 200,
): HttpResponse {
  return renderPage(
    "message",
    {
      home: urlOf(deps, SUBSCRIPTION_PATHS.signUp),
      heading: page.heading,
      paragraphs: page.paragraphs,
      newLink: page.newLink
        ? { action: urlOf(deps, SUBSCRIPTION_PATHS.newLink), email: page.newLink.email ?? "" }
        : undefined,
      links: page.links ?? [],
      errors: page.errors ?? [],
    },
    status,
  );
}

const TOKEN_PAGES: Readonly<
  Record<TokenProblem | "missing" | "gone", { heading: string; status: number; detail?: string }>
> = {
  missing: {
    heading: "This link is not complete",
    status: 400,
    detail:
      "It has no token: part of it was cut off when it was copied. Open it from the email, or copy the whole link.",
  },
  malformed: { heading: "This link is not complete", status: 400 },
  "bad-signature": { heading: "This link has been changed", status: 400 },
  "wrong-purpose": { heading: "This link is for another page", status: 400 },
  expired: { heading: "This link has expired", status: 410 },
  revoked: { heading: "This link no longer works", status: 410 },
  gone: {
    heading: "This subscription no longer exists",
    status: 410,
    detail: "The subscription this link belonged to was removed.",
  },
};

/**
 * What a person sees when a link cannot be used: what happened, in a sentence, and a way on — a
 * fresh link by email, or signing up again. Never JSON, never a stack trace.
 */
export function tokenProblemPage(
  deps: SubscriptionPageDependencies,
  problem: TokenProblem | "missing" | "gone",
  message?: string,
): HttpResponse {
  const page = TOKEN_PAGES[problem];
  return messagePage(
    deps,
    {
      heading: page.heading,
      paragraphs: [
        page.detail ?? message ?? "",
        "Enter your address below and, if it is subscribed, we email you links that work. Nothing about the address is shown here.",
      ],
      newLink: {},
      links: [{ label: "Sign up again", url: urlOf(deps, SUBSCRIPTION_PATHS.signUp) }],
    },
    page.status,
  );
}
