import type { AwsClients } from "../aws/clients.js";
import type { Environment } from "../config/environment.js";
import { DynamoReleaseStore } from "../releases/dynamo-release-store.js";
import type { ReleaseStore } from "../releases/release-store.js";
import { ChangeSearch } from "./changes/change-search.js";
import { EvidenceDownloads } from "./evidence/evidence-downloads.js";
import { PageCursors } from "./http/page-cursor.js";
import { RunSearch } from "./runs/run-search.js";

/** What the review routes read. Read-only by construction: nothing here writes. */
export interface ApiDependencies {
  readonly changes: ChangeSearch;
  readonly releases: ReleaseStore;
  readonly runs: RunSearch;
  readonly evidence: EvidenceDownloads;
  readonly now: () => Date;
}

export function apiDependencies(env: Environment, clients: AwsClients): ApiDependencies {
  const cursors = new PageCursors(env.cursorKey);
  return {
    changes: new ChangeSearch(clients.dynamo, env.changesTable, cursors),
    releases: new DynamoReleaseStore(clients.dynamo, env.sourcesTable),
    runs: new RunSearch(clients.dynamo, env.runsTable, cursors),
    evidence: new EvidenceDownloads(clients.s3, env.archiveBucket),
    now: () => new Date(),
  };
}
