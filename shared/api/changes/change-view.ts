import type { ChangeRecord } from "../../changes/change-record.js";

/** A change as the API shows it: the record, its evidence, and where to download that evidence. */
export interface ChangeView {
  readonly id: string;
  readonly sourceId: string;
  readonly system: string;
  readonly code: string;
  readonly changeType: ChangeRecord["changeType"];
  readonly category: ChangeRecord["category"];
  readonly reason?: string;
  readonly title: string;
  readonly fields: ChangeRecord["fields"];
  readonly before?: ChangeRecord["before"];
  readonly after?: ChangeRecord["after"];
  readonly version: string;
  readonly previousVersion: string;
  readonly effectiveDate: string;
  readonly detectedAt: string;
  readonly history: boolean;
  /** For an NCCI edit: the code system and code of the pair's second code. */
  readonly pairedCode?: string;
  readonly evidence: {
    readonly url: string;
    readonly fetchedAt: string;
    readonly sha256: string;
    /** API path that downloads the archived file (`GET`, signed in). */
    readonly downloadPath: string;
  };
}

export function evidencePath(sourceId: string, sha256: string): string {
  return `/evidence/${encodeURIComponent(sourceId)}/${sha256}`;
}

/** Archive keys and run ids are internal: clients get the evidence, not the storage layout. */
export function changeView(change: ChangeRecord): ChangeView {
  return {
    id: change.id,
    sourceId: change.sourceId,
    system: change.system,
    code: change.key,
    changeType: change.changeType,
    category: change.category,
    ...(change.reason ? { reason: change.reason } : {}),
    title: change.title,
    fields: change.fields,
    ...(change.before ? { before: change.before } : {}),
    ...(change.after ? { after: change.after } : {}),
    version: change.version,
    previousVersion: change.previousVersion,
    effectiveDate: change.effectiveDate,
    detectedAt: change.detectedAt,
    history: change.history,
    ...(change.pairedCodeRef ? { pairedCode: change.pairedCodeRef.split("#").slice(1).join("#") } : {}),
    evidence: {
      url: change.evidence.url,
      fetchedAt: change.evidence.fetchedAt,
      sha256: change.evidence.sha256,
      downloadPath: evidencePath(change.sourceId, change.evidence.sha256),
    },
  };
}
