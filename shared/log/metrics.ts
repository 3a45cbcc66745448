import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import { COLLECTION_METRICS } from "./metric-names.js";

export { COLLECTION_METRICS } from "./metric-names.js";

/** What one collection run did, as the pipeline reports it; plain data, no AWS types. */
export interface CollectionRunSummary {
  readonly sourceId: string;
  readonly status: "succeeded" | "unchanged" | "baseline" | "failed";
  /** Records parsed from the release (0 when nothing was fetched). */
  readonly records: number;
  readonly added: number;
  readonly deleted: number;
  readonly revised: number;
  readonly durationMs: number;
}

/**
 * A Powertools Metrics instance writing CloudWatch Embedded Metric Format to stdout: CloudWatch
 * turns those log lines into metrics, so a run costs no PutMetricData call and no IAM grant.
 */
export function createMetrics(serviceName: string): Metrics {
  const metrics = new Metrics({ namespace: COLLECTION_METRICS.namespace, serviceName });
  // Powertools adds a `service` dimension by default; alarms select a metric by its exact
  // dimension set, so keep `sourceId` the only one whoever (Lambda, CLI) reports the run.
  metrics.clearDefaultDimensions();
  return metrics;
}

let sharedMetrics: Metrics | undefined;

/**
 * Emits the metrics of one finished run, dimensioned by source, and flushes them at once so a
 * run that is followed by a crash still counts. Success and failure are both written (as 1/0)
 * so each series has data on every run: the "silent source" alarm treats missing data as bad.
 */
export function recordCollectionMetrics(run: CollectionRunSummary, metrics?: Metrics): void {
  if (!metrics && !sharedMetrics)
    sharedMetrics = createMetrics(process.env.POWERTOOLS_SERVICE_NAME ?? "codecurrent");
  const target = metrics ?? sharedMetrics!;
  target.addDimension(COLLECTION_METRICS.sourceDimension, run.sourceId);
  const failed = run.status === "failed";
  target.addMetric(COLLECTION_METRICS.successfulRuns, MetricUnit.Count, failed ? 0 : 1);
  target.addMetric(COLLECTION_METRICS.failedRuns, MetricUnit.Count, failed ? 1 : 0);
  target.addMetric(COLLECTION_METRICS.recordsParsed, MetricUnit.Count, run.records);
  target.addMetric(COLLECTION_METRICS.changesAdded, MetricUnit.Count, run.added);
  target.addMetric(COLLECTION_METRICS.changesDeleted, MetricUnit.Count, run.deleted);
  target.addMetric(COLLECTION_METRICS.changesRevised, MetricUnit.Count, run.revised);
  target.addMetric(COLLECTION_METRICS.runDuration, MetricUnit.Milliseconds, run.durationMs);
  target.addMetadata("status", run.status);
  target.publishStoredMetrics();
}
