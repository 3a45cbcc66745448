import type { Context, SNSEvent } from "aws-lambda";
import { createAwsClients } from "#shared/aws/clients.js";
import { readEnvironment } from "#shared/config/environment.js";
import { createLogger } from "#shared/log/index.js";
import { SubscriberStore } from "#shared/subscribers/subscriber-store.js";
import { suppressRecipients } from "#shared/suppression/suppress-recipients.js";

const logger = createLogger("digests");
const env = readEnvironment();
const subscribers = new SubscriberStore(createAwsClients(env).dynamo, env.subscribersTable);

/** SNS: SES bounce and complaint events from the configuration set; suppresses those addresses. */
export async function handler(event: SNSEvent, context: Context): Promise<{ suppressed: number }> {
  logger.addContext(context);
  const suppressed = await suppressRecipients(
    event.Records.map((record) => record.Sns.Message),
    subscribers,
  );
  logger.info("ses events", { records: event.Records.length, suppressed });
  return { suppressed };
}
