import type { Subscriber } from "../subscribers/subscriber.js";
import { generationOf } from "../subscribers/subscriber-store.js";
import type { SubscriptionTokens, TokenPurpose } from "./subscription-token.js";

/**
 * Paths of the subscription pages, relative to the public base URL: the same in AWS and locally,
 * so every link in every email works wherever it was sent from.
 */
export const SUBSCRIPTION_PATHS = {
  /** The sign-up page (GET) and form (POST). */
  signUp: "/subscriptions",
  /** Where a sign-up lands: the same page for every address. */
  checkInbox: "/subscriptions/check-your-inbox",
  /** Asks for a fresh set of links by email (POST), from any page that met a dead link. */
  newLink: "/subscriptions/new-link",
  confirm: "/subscriptions/confirm",
  preferences: "/subscriptions/preferences",
  unsubscribe: "/subscriptions/unsubscribe",
  unsubscribed: "/subscriptions/unsubscribed",
  ceu: "/subscriptions/ceus",
  digest: "/subscriptions/digest",
} as const;

/** The page each token purpose opens. */
export const PATH_OF_PURPOSE: Readonly<Record<TokenPurpose, string>> = {
  confirm: SUBSCRIPTION_PATHS.confirm,
  preferences: SUBSCRIPTION_PATHS.preferences,
  unsubscribe: SUBSCRIPTION_PATHS.unsubscribe,
  ceu: SUBSCRIPTION_PATHS.ceu,
  digest: SUBSCRIPTION_PATHS.digest,
};

export interface SubscriptionLinks {
  readonly preferences: string;
  readonly unsubscribe: string;
  readonly logCeus: string;
  readonly signUp: string;
}

type Owner = Pick<Subscriber, "subscriberId" | "tokenGeneration">;

/** A signed link to one page for one subscriber, in their current token generation. */
export function signedLink(
  baseUrl: string,
  tokens: SubscriptionTokens,
  purpose: TokenPurpose,
  subscriber: Owner,
  now = new Date(),
  subject?: string,
): string {
  const token = tokens.sign(
    purpose,
    subscriber.subscriberId,
    { generation: generationOf(subscriber), ...(subject === undefined ? {} : { subject }) },
    now,
  );
  return `${baseUrl}${PATH_OF_PURPOSE[purpose]}?token=${encodeURIComponent(token)}`;
}

/** The links every email to a subscriber carries, each with a token bound to its one page. */
export function subscriptionLinks(
  baseUrl: string,
  tokens: SubscriptionTokens,
  subscriber: Owner,
  now = new Date(),
): SubscriptionLinks {
  return {
    preferences: signedLink(baseUrl, tokens, "preferences", subscriber, now),
    unsubscribe: signedLink(baseUrl, tokens, "unsubscribe", subscriber, now),
    logCeus: signedLink(baseUrl, tokens, "ceu", subscriber, now),
    signUp: `${baseUrl}${SUBSCRIPTION_PATHS.signUp}`,
  };
}

/** A digest's window as a digest-page link carries it: `since|until` (ISO times). */
export function digestWindowSubject(since: string, until: string): string {
  return `${since}|${until}`;
}

export function digestWindowOf(subject: string | undefined): { since: string; until: string } | undefined {
  const [since, until, extra] = (subject ?? "").split("|");
  if (!since || !until || extra !== undefined) return undefined;
  if (Number.isNaN(Date.parse(since)) || Number.isNaN(Date.parse(until)) || since >= until) return undefined;
  return { since, until };
}
