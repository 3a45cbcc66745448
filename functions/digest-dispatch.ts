import { dispatchFromSchedule } from "#shared/digest/digest-handlers.js";

/** Hourly (EventBridge): queue the digests due at this hour in each subscriber's time zone. */
export const handler = dispatchFromSchedule;
