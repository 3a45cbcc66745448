import { sendFromQueue } from "#shared/digest/digest-handlers.js";

/** SQS: `{ subscriberId, at }` per message; sends that subscriber's digest at most once. */
export const handler = sendFromQueue;
