import type { Context } from "aws-lambda";
// zod/mini: the same checks without the full library's ~400 KB in the bundle.
import * as z from "zod/mini";
import { operatorAlertDependencies } from "#shared/alerts/alert-dependencies.js";
import { alertOperators } from "#shared/alerts/operator-alerts.js";
import { createAwsClients } from "#shared/aws/clients.js";
import { collectDependencies } from "#shared/collect/collect-dependencies.js";
import { collectSource } from "#shared/collect/collect-source.js";
import { reportRun } from "#shared/collect/report-run.js";
import { deadlineIn } from "#shared/collect/run-deadline.js";
import { readEnvironment } from "#shared/config/environment.js";
import { createLogger } from "#shared/log/index.js";
import type { RunRecord } from "#shared/runs/run-record.js";
import { sourceById } from "#shared/sources/catalog.js";

const CollectEvent = z.object({ sourceId: z.string().check(z.minLength(1)) });

const logger = createLogger("collect");
const env = readEnvironment();
const clients = createAwsClients(env);
// Built once per container and reused by warm invocations.
const dependencies = collectDependencies(env, clients);
const alerts = operatorAlertDependencies(env, clients);

/**
 * Scheduled per source by EventBridge Scheduler with `{ "sourceId": "icd10cm" }`; answers the run
 * record. A failed run is recorded and reported, not thrown: Lambda's retries are for crashes. The
 * run stops itself before the function's time runs out, and operators are alerted after a streak
 * of failures (and once when it ends).
 */
export async function handler(event: unknown, context: Context): Promise<RunRecord> {
  logger.addContext(context);
  const { sourceId } = CollectEvent.parse(event);
  const source = sourceById(sourceId);
  const run = await collectSource(source, dependencies, {
    deadline: deadlineIn(context.getRemainingTimeInMillis()),
  });
  reportRun(run, logger);
  if (alerts) {
    // An alert that cannot be sent must not fail the run (Lambda would collect again): it is logged.
    await alertOperators(source, run, alerts).catch((error: unknown) =>
      logger.error("operator alert not sent", { sourceId, error }),
    );
  }
  return run;
}
