import { remindFromSchedule } from "#shared/digest/digest-handlers.js";

/** Daily (EventBridge): CEU reminders at 90, 30 and 7 days before a cycle ends. */
export const handler = remindFromSchedule;
