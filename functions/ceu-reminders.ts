import type { Context } from "aws-lambda";
import { createAwsClients } from "#shared/aws/clients.js";
import { readEnvironment } from "#shared/config/environment.js";
import { createLogger } from "#shared/log/index.js";
import { type ReminderRun, sendCeuReminders } from "#shared/reminders/send-ceu-reminders.js";
import { subscriptionServices, withTokens } from "#shared/subscriptions/subscription-services.js";
import { tokenSecret } from "#shared/subscriptions/token-secret.js";

const logger = createLogger("digests");
const env = readEnvironment();
const clients = createAwsClients(env);
// The subscribers, their CEU logs, the deliveries claimed, and SES.
const services = subscriptionServices(env, clients);
const secret = tokenSecret(env, () => clients.ssm);

/** Daily (EventBridge): CEU reminders at 90, 30 and 7 days before a cycle ends. */
export async function handler(_event: unknown, context: Context): Promise<ReminderRun> {
  logger.addContext(context);
  const run = await sendCeuReminders(await withTokens(services, secret));
  logger.info("ceu reminders", { ...run });
  // Each reminder is claimed before it is sent: a retry of the whole pass sends only what failed.
  if (run.failed > 0) throw new Error(`${run.failed} CEU reminder(s) failed; ${run.sent} sent`);
  return run;
}
