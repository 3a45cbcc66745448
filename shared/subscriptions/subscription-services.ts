import type { AwsClients } from "../aws/clients.js";
import type { Environment } from "../config/environment.js";
import { DeliveryStore } from "../deliveries/delivery-store.js";
import { senderForEnvironment } from "../email/sender-for-environment.js";
import type { EmailSender } from "../email/ses-sender.js";
import { AddressRegistry } from "../subscribers/address-registry.js";
import { CeuLog } from "../subscribers/ceu-log.js";
import { SubscriberStore } from "../subscribers/subscriber-store.js";
import { SubscriptionTokens } from "./subscription-token.js";
import type { TokenSecret } from "./token-secret.js";

/**
 * What every subscription page and every email to a subscriber needs besides the tokens: the
 * stores, a sender, where links point, the sender identity.
 */
export interface SubscriptionServices {
  readonly subscribers: SubscriberStore;
  readonly addresses: AddressRegistry;
  readonly ceuLog: CeuLog;
  readonly deliveries: DeliveryStore;
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
    addresses: new AddressRegistry(clients.dynamo, env.addressesTable),
    ceuLog: new CeuLog(clients.dynamo, { ceus: env.ceusTable, subscribers: env.subscribersTable }),
    deliveries: new DeliveryStore(clients.dynamo, env.deliveriesTable),
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
