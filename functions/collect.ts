import { collectFromEvent } from "#shared/collect/collect-handler.js";

/** Scheduled per source by EventBridge Scheduler with `{ "sourceId": "icd10cm" }`. */
export const handler = collectFromEvent;
