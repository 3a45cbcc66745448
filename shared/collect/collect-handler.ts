// zod/mini: the same checks without the full library's ~400 KB in a Lambda bundle.
import * as z from "zod/mini";
import { createAwsClients } from "../aws/clients.js";
import { readEnvironment } from "../config/environment.js";
import { createLogger, recordCollectionMetrics } from "../log/index.js";
import type { RunRecord } from "../runs/run-record.js";
import { sourceById } from "../sources/catalog.js";
import { collectDependencies } from "./collect-dependencies.js";
import { collectSource } from "./collect-source.js";

const CollectEvent = z.object({ sourceId: z.string().check(z.minLength(1)) });

const logger = createLogger("collect");
// Built once per Lambda container and reused by warm invocations.
let dependencies: ReturnType<typeof collectDependencies> | undefined;

/** The collect Lambda: `{ sourceId }` in, the run record out. A failed run is recorded, not thrown. */
export async function collectFromEvent(event: unknown): Promise<RunRecord> {
  const { sourceId } = CollectEvent.parse(event);
  const source = sourceById(sourceId);
  if (!dependencies) {
    const env = readEnvironment();
    dependencies = collectDependencies(env, createAwsClients(env));
  }
  const run = await collectSource(source, dependencies);
  const counts = run.summary ?? { added: 0, deleted: 0, revised: 0 };
  recordCollectionMetrics({
    sourceId,
    status: run.status === "running" ? "failed" : run.status,
    records: run.records ?? 0,
    added: counts.added,
    deleted: counts.deleted,
    revised: counts.revised,
    durationMs: run.durationMs ?? 0,
  });
  const log = run.status === "failed" ? logger.error.bind(logger) : logger.info.bind(logger);
  log("collection run finished", {
    sourceId,
    status: run.status,
    version: run.version,
    records: run.records,
    summary: run.summary,
    reason: run.reason,
    durationMs: run.durationMs,
  });
  return run;
}
