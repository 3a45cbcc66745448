import type { Context } from "aws-lambda";
// zod/mini: the same checks without the full library's ~400 KB in the bundle.
import * as z from "zod/mini";
import { createAwsClients } from "#shared/aws/clients.js";
import { collectDependencies } from "#shared/collect/collect-dependencies.js";
import { collectSource } from "#shared/collect/collect-source.js";
import { reportRun } from "#shared/collect/report-run.js";
import { readEnvironment } from "#shared/config/environment.js";
import { createLogger } from "#shared/log/index.js";
import type { RunRecord } from "#shared/runs/run-record.js";
import { sourceById } from "#shared/sources/catalog.js";

const CollectEvent = z.object({ sourceId: z.string().check(z.minLength(1)) });

const logger = createLogger("collect");
const env = readEnvironment();
// Built once per container and reused by warm invocations.
const dependencies = collectDependencies(env, createAwsClients(env));

/**
 * Scheduled per source by EventBridge Scheduler with `{ "sourceId": "icd10cm" }`; answers the run
 * record. A failed run is recorded and reported, not thrown: Lambda's retries are for crashes.
 */
export async function handler(event: unknown, context: Context): Promise<RunRecord> {
  logger.addContext(context);
  const { sourceId } = CollectEvent.parse(event);
  const run = await collectSource(sourceById(sourceId), dependencies);
  reportRun(run, logger);
  return run;
}
