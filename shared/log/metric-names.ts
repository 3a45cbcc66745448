/**
 * Names of the collection metrics, shared by the code that emits them (`metrics.ts`) and the CDK
 * app that alarms on them: a renamed metric here renames the alarm's metric too, so the two can
 * never drift apart. Free of runtime dependencies so the CDK app can import it.
 */
export const COLLECTION_METRICS = {
  namespace: "Codecurrent",
  /** The only dimension: alarms match a metric by its exact dimension set. */
  sourceDimension: "sourceId",
  /** 1 when a run ended well (`succeeded`, `unchanged` or `baseline`), else 0. */
  successfulRuns: "SuccessfulRuns",
  /** 1 when a run failed (fetch, parse or sanity gate), else 0. */
  failedRuns: "FailedRuns",
  recordsParsed: "RecordsParsed",
  changesAdded: "ChangesAdded",
  changesDeleted: "ChangesDeleted",
  changesRevised: "ChangesRevised",
  runDuration: "RunDuration",
} as const;
