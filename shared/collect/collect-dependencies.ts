import type { AwsClients } from "../aws/clients.js";
import { ChangeStore } from "../changes/change-store.js";
import type { Environment } from "../config/environment.js";
import { S3EvidenceArchive } from "../evidence/s3-evidence-archive.js";
import { DynamoReleaseStore } from "../releases/dynamo-release-store.js";
import { DynamoRunStore } from "../runs/dynamo-run-store.js";
import type { CollectDependencies } from "./collect-source.js";
import { httpDocumentFetch } from "./http-document-fetch.js";
import { type HttpDownloadOptions, httpReleaseDownload } from "./http-release-download.js";
import { memoryBudget } from "./memory-budget.js";

/** Wires the collector to its stores and the publishers (or their local mirror). */
export function collectDependencies(
  env: Environment,
  clients: AwsClients,
  overrides: Partial<CollectDependencies> & {
    download?: CollectDependencies["download"];
    http?: HttpDownloadOptions;
  } = {},
): CollectDependencies {
  const { http, ...rest } = overrides;
  // Limits sized to the function's memory; a caller's own (tests, the CLI) win.
  const budget = memoryBudget(env.memoryMb);
  const limits = { maxBytes: budget.maxDownloadBytes, zipLimits: budget.zipLimits, ...http };
  return {
    changes: new ChangeStore(clients.dynamo, env.changesTable),
    releases: new DynamoReleaseStore(clients.dynamo, env.sourcesTable),
    runs: new DynamoRunStore(clients.dynamo, env.runsTable),
    archive: new S3EvidenceArchive(clients.s3, env.archiveBucket),
    download: httpReleaseDownload({ mirror: env.sourceMirror, ...limits }),
    fetchDocument: httpDocumentFetch({ mirror: env.sourceMirror, ...limits }),
    maxDeletionShare: env.maxDeletionShare,
    ...(env.sanityLimits ? { sanityLimits: env.sanityLimits } : {}),
    ...rest,
  };
}
