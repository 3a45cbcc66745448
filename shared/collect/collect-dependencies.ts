import type { AwsClients } from "../aws/clients.js";
import { ChangeStore } from "../changes/change-store.js";
import type { Environment } from "../config/environment.js";
import { EvidenceArchive } from "../evidence/evidence-archive.js";
import { ReleaseStore } from "../releases/release-store.js";
import { RunStore } from "../runs/run-store.js";
import type { CollectDependencies } from "./collect-source.js";
import { httpDocumentFetch } from "./http-document-fetch.js";
import { type HttpDownloadOptions, httpReleaseDownload } from "./http-release-download.js";

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
  return {
    changes: new ChangeStore(clients.dynamo, env.changesTable),
    releases: new ReleaseStore(clients.dynamo, env.sourcesTable),
    runs: new RunStore(clients.dynamo, env.runsTable),
    archive: new EvidenceArchive(clients.s3, env.archiveBucket),
    download: httpReleaseDownload({ mirror: env.sourceMirror, ...http }),
    fetchDocument: httpDocumentFetch({ mirror: env.sourceMirror, ...http }),
    maxDeletionShare: env.maxDeletionShare,
    ...rest,
  };
}
