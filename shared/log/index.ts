export { createLogger, type Logger, REDACTED, redactSensitive } from "./logger.js";
export { COLLECTION_METRICS } from "./metric-names.js";
export { type CollectionRunSummary, createMetrics, recordCollectionMetrics } from "./metrics.js";
