import type { AwsClients } from "../aws/clients.js";
import { ChangeStore } from "../changes/change-store.js";
import type { Environment } from "../config/environment.js";
import { type EmailSender, SesSender } from "../email/ses-sender.js";
import { SubscriberStore } from "../subscribers/subscriber-store.js";
import { SubscriptionTokens } from "../subscriptions/subscription-token.js";
import { resolveTokenSecret } from "../subscriptions/token-secret.js";
import { ChangeWindow } from "./change-window.js";
import { DeliveryStore } from "./delivery-store.js";

/** Everything the digest, reminder and subscription code needs, built from configuration. */
export interface DigestDependencies {
  readonly subscribers: SubscriberStore;
  readonly deliveries: DeliveryStore;
  readonly changes: ChangeWindow;
  readonly sender: EmailSender;
  readonly tokens: SubscriptionTokens;
  readonly baseUrl: string;
  readonly from: string;
}

export interface DigestDependencyOptions {
  /** Local data directory: where a dev token secret is generated when none is configured. */
  readonly localDataDir?: string;
  readonly sender?: EmailSender;
}

export async function digestDependencies(
  env: Environment,
  clients: AwsClients,
  options: DigestDependencyOptions = {},
): Promise<DigestDependencies> {
  const secret = await resolveTokenSecret(env, () => clients.ssm, options.localDataDir);
  return {
    subscribers: new SubscriberStore(clients.dynamo, env.subscribersTable),
    deliveries: new DeliveryStore(clients.dynamo, env.deliveriesTable),
    changes: new ChangeWindow(new ChangeStore(clients.dynamo, env.changesTable)),
    sender:
      options.sender ??
      new SesSender(clients.ses, {
        ...(env.sesConfigurationSet ? { configurationSet: env.sesConfigurationSet } : {}),
        // The local emulator has no quota: do not pace local runs to SES's sandbox floor.
        ...(env.maxSendRate
          ? { maxSendRate: env.maxSendRate }
          : env.sesEndpoint
            ? { maxSendRate: 1000 }
            : {}),
      }),
    tokens: new SubscriptionTokens(secret),
    baseUrl: env.publicBaseUrl,
    from: env.senderAddress,
  };
}
