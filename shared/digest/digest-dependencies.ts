import type { AwsClients } from "../aws/clients.js";
import { ChangeStore } from "../changes/change-store.js";
import type { Environment } from "../config/environment.js";
import { DynamoReleaseStore } from "../releases/dynamo-release-store.js";
import {
  type SubscriptionServiceOptions,
  type SubscriptionServices,
  subscriptionServices,
  withTokens,
} from "../subscriptions/subscription-services.js";
import type { SubscriptionTokens } from "../subscriptions/subscription-token.js";
import { tokenSecret } from "../subscriptions/token-secret.js";
import { ChangeWindow } from "./change-window.js";
import { completeReleasesIn } from "./complete-releases.js";

/** What sending digests needs: the subscription services, the changes of a window, and the tokens. */
export interface DigestDependencies extends SubscriptionServices {
  readonly changes: ChangeWindow;
  readonly tokens: SubscriptionTokens;
}

/** Everything but the tokens, built once per process: the change window's cache outlives an invocation. */
export type DigestServices = Omit<DigestDependencies, "tokens">;

export interface DigestDependencyOptions extends SubscriptionServiceOptions {
  /** Local data directory: where a dev token secret is generated when none is configured. */
  readonly localDataDir?: string;
}

export function digestServices(
  env: Environment,
  clients: AwsClients,
  options: SubscriptionServiceOptions = {},
): DigestServices {
  return {
    ...subscriptionServices(env, clients, options),
    changes: new ChangeWindow(
      new ChangeStore(clients.dynamo, env.changesTable),
      completeReleasesIn(new DynamoReleaseStore(clients.dynamo, env.sourcesTable)),
    ),
  };
}

/**
 * Everything the digest, reminder and subscription code needs, built from configuration with the
 * current token secret: what the CLI and the local run use. The digest, reminder and subscription
 * functions build the same from `digestServices`/`subscriptionServices` once and add the tokens
 * per invocation.
 */
export async function digestDependencies(
  env: Environment,
  clients: AwsClients,
  options: DigestDependencyOptions = {},
): Promise<DigestDependencies> {
  const secret = tokenSecret(env, () => clients.ssm, options.localDataDir);
  return withTokens(digestServices(env, clients, options.sender ? { sender: options.sender } : {}), secret);
}
