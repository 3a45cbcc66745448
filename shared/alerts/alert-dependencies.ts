import type { AwsClients } from "../aws/clients.js";
import type { Environment } from "../config/environment.js";
import { senderForEnvironment } from "../email/sender-for-environment.js";
import { DynamoReleaseStore } from "../releases/dynamo-release-store.js";
import type { OperatorAlertDependencies } from "./operator-alerts.js";

/**
 * Operator alerts as configured: to the operators' address, from the sender address, through the
 * project's one email sender. Undefined when no operator address is configured (no alert emails;
 * the CloudWatch alarms still fire).
 */
export function operatorAlertDependencies(
  env: Environment,
  clients: AwsClients,
): OperatorAlertDependencies | undefined {
  if (!env.alertEmail) return undefined;
  return {
    releases: new DynamoReleaseStore(clients.dynamo, env.sourcesTable),
    sender: senderForEnvironment(env, clients.ses),
    settings: { to: env.alertEmail, from: env.senderAddress, afterFailures: env.alertAfterFailures },
  };
}
