import { suppressFromSns } from "#shared/digest/digest-handlers.js";

/** SNS: SES bounce and complaint events from the configuration set; suppresses those addresses. */
export const handler = suppressFromSns;
