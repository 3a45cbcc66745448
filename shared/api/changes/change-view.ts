import { type ChangeRecord, pairedCodeOf } from "../../changes/change-record.js";
import { documentSummary } from "../../changes/document-summary.js";
import type { Evidence } from "../../evidence/evidence.js";

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
  /** For a document: its own effective date (empty when it gives none), never the day it was collected. */
  readonly effectiveDate: string;
  /** For a document: what it is, its comment deadline and official page, and those in one line. */
  readonly document?: {
    readonly type: string;
    readonly dateLabel: string;
    readonly commentsCloseOn?: string;
    readonly officialUrl?: string;
    /** e.g. `Final rule · effective 2026-10-01 · comments until 2026-09-10`. */
    readonly summary: string;
  };
  readonly detectedAt: string;
  readonly history: boolean;
  /** For an NCCI edit: the code system and code of the pair's second code. */
  readonly pairedCode?: string;
  /** The archived file the change was read from: its bytes hash to `sha256`. */
  readonly evidence: EvidenceView;
  /** Further archived files describing the change (a transmittal's listing beside its page). */
  readonly moreEvidence?: readonly EvidenceView[];
}

export interface EvidenceView {
  readonly url: string;
  readonly fetchedAt: string;
  /** sha256 of the archived bytes that `downloadPath` answers. */
  readonly sha256: string;
  /** API path that downloads the archived file (`GET`, signed in). */
  readonly downloadPath: string;
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
    ...(change.document
      ? {
          document: {
            ...change.document,
            summary: documentSummary(change.document, change.effectiveDate),
          },
        }
      : {}),
    detectedAt: change.detectedAt,
    history: change.history,
    ...(change.pairedCodeRef ? { pairedCode: pairedCodeOf(change) } : {}),
    evidence: evidenceView(change.sourceId, change.evidence),
    ...(change.moreEvidence?.length
      ? { moreEvidence: change.moreEvidence.map((file) => evidenceView(change.sourceId, file)) }
      : {}),
  };
}

function evidenceView(sourceId: string, evidence: Evidence): EvidenceView {
  return {
    url: evidence.url,
    fetchedAt: evidence.fetchedAt,
    sha256: evidence.sha256,
    downloadPath: evidencePath(sourceId, evidence.sha256),
  };
}
