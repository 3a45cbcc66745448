import type { SubscriptionTokens, TokenPurpose } from "./subscription-token.js";

/** Paths of the subscription endpoints, relative to the API's base URL (see subscription-api.ts). */
export const SUBSCRIPTION_PATHS: Readonly<Record<TokenPurpose, string>> = {
  confirm: "/subscriptions/confirm",
  preferences: "/subscriptions/preferences",
  unsubscribe: "/subscriptions/unsubscribe",
  ceu: "/subscriptions/ceus",
};

export interface SubscriptionLinks {
  readonly confirm: string;
  readonly preferences: string;
  readonly unsubscribe: string;
  readonly logCeus: string;
}

/** Signed links for one subscriber, each carrying a token bound to its one action. */
export function subscriptionLinks(
  baseUrl: string,
  tokens: SubscriptionTokens,
  subscriberId: string,
  now = new Date(),
): SubscriptionLinks {
  const link = (purpose: TokenPurpose) =>
    `${baseUrl}${SUBSCRIPTION_PATHS[purpose]}?token=${encodeURIComponent(tokens.sign(purpose, subscriberId, now))}`;
  return {
    confirm: link("confirm"),
    preferences: link("preferences"),
    unsubscribe: link("unsubscribe"),
    logCeus: link("ceu"),
  };
}
