import type { SESClient } from "@aws-sdk/client-ses";
import type { Environment } from "../config/environment.js";
import { SesSender } from "./ses-sender.js";

/**
 * The SES sender as configured: through the configuration set (bounces and complaints come back),
 * at the configured rate. The local emulator has no quota: local runs are not paced to SES's
 * sandbox floor.
 */
export function senderForEnvironment(env: Environment, ses: SESClient): SesSender {
  return new SesSender(ses, {
    ...(env.sesConfigurationSet ? { configurationSet: env.sesConfigurationSet } : {}),
    ...(env.maxSendRate ? { maxSendRate: env.maxSendRate } : env.sesEndpoint ? { maxSendRate: 1000 } : {}),
  });
}
