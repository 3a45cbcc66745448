import type { AwsClients } from "../aws/clients.js";
import type { Environment } from "../config/environment.js";
import { senderForEnvironment } from "../email/sender-for-environment.js";
import type { EmailSender } from "../email/ses-sender.js";
import { SubscriberStore } from "../subscribers/subscriber-store.js";
import { SubscriptionTokens } from "./subscription-token.js";
import type { TokenSecret } from "./token-secret.js";

/** What every email to a subscriber needs besides the tokens: the store, a sender, where links point, the sender identity. */
export interface SubscriptionServices {
  readonly subscribers: SubscriberStore;
  readonly sender: EmailSender;
  readonly baseUrl: string;
  readonly from: string;
}

export interface SubscriptionServiceOptions {
  /** Instead of SES (tests, previews). */
  readonly sender?: EmailSender;
}

/**
 * Built once per process from configuration: a warm function keeps its sender (and its pacing)
 * across invocations. The token secret is not part of it: `withTokens` adds tokens signed with the
 * secret current at each invocation.
 */
export function subscriptionServices(
  env: Environment,
  clients: Pick<AwsClients, "dynamo" | "ses">,
  options: SubscriptionServiceOptions = {},
): SubscriptionServices {
  return {
    subscribers: new SubscriberStore(clients.dynamo, env.subscribersTable),
    sender: options.sender ?? senderForEnvironment(env, clients.ses),
    baseUrl: env.publicBaseUrl,
    from: env.senderAddress,
  };
}

/** `services` with subscription tokens signed by the current secret. */
export async function withTokens<T extends object>(
  services: T,
  secret: TokenSecret,
): Promise<T & { readonly tokens: SubscriptionTokens }> {
  return { ...services, tokens: new SubscriptionTokens(await secret()) };
}
