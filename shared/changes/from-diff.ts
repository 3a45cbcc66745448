import type { CodeSystemRules } from "../core/code-system.js";
import type { CodeChange } from "../core/snapshot-diff.js";
import type { Evidence } from "../evidence/evidence.js";
import { type ChangedDocument, type ChangeRecord, changeId } from "./change-record.js";

/** What a release contributes to every change computed from it. */
export interface ReleaseContext {
  readonly sourceId: string;
  readonly rules: CodeSystemRules;
  readonly version: string;
  readonly releaseKey: string;
  readonly previousVersion: string;
  readonly effectiveDate: string;
  readonly detectedAt: string;
  readonly history: boolean;
  /**
   * The archived file(s) each change was read from, first the one it points at: the release's
   * part holding an NCCI edit, the detail page and listing of a document.
   */
  readonly evidenceOf: (change: CodeChange) => readonly [Evidence, ...Evidence[]];
  readonly runId: string;
}

/** Turns a diff's changes into change-log entries carrying their release and evidence. */
export function toChangeRecords(changes: readonly CodeChange[], context: ReleaseContext): ChangeRecord[] {
  const detectedDay = context.detectedAt.slice(0, 10);
  const system = context.rules.system;
  return changes.map((change) => {
    const [evidence, ...moreEvidence] = context.evidenceOf(change);
    const document = documentOf(change, context.rules);
    return {
      id: changeId(context.sourceId, context.releaseKey, change.changeType, change.key),
      sourceId: context.sourceId,
      system,
      systemLabel: context.rules.label,
      ...(context.rules.family ? { family: context.rules.family } : {}),
      displayCode: context.rules.displayCode(change.key),
      key: change.key,
      ...codeRefsOf(change.key, context.rules),
      changeType: change.changeType,
      category: change.category,
      ...(change.reason ? { reason: change.reason } : {}),
      title: titleOf(change, context.rules),
      fields: change.fields,
      ...(change.before ? { before: change.before } : {}),
      ...(change.after ? { after: change.after } : {}),
      version: context.version,
      releaseKey: context.releaseKey,
      previousVersion: context.previousVersion,
      // A document takes effect when it says it does, never on the day it was collected.
      effectiveDate: document ? document.effectiveDate : context.effectiveDate,
      ...(document ? { document: document.document } : {}),
      detectedAt: context.detectedAt,
      detectedDay,
      history: context.history,
      evidence,
      ...(moreEvidence.length > 0 ? { moreEvidence } : {}),
      runId: context.runId,
    };
  });
}

/** What a changed document says of itself (as it reads now; as it read before, for a removal). */
function documentOf(
  change: CodeChange,
  rules: CodeSystemRules,
): { effectiveDate: string; document: ChangedDocument } | undefined {
  const values = change.after ?? change.before;
  if (!rules.documentFacts || !values) return undefined;
  const facts = rules.documentFacts(values);
  return {
    effectiveDate: facts.effectiveDate,
    document: {
      type: facts.documentType,
      dateLabel: facts.effectiveDate ? facts.dateLabel : "",
      ...(facts.commentsCloseOn ? { commentsCloseOn: facts.commentsCloseOn } : {}),
      ...(facts.officialUrl ? { officialUrl: facts.officialUrl } : {}),
    },
  };
}

/** A pair (NCCI PTP edit) is filed under its first code, and under its second through `pairedCodeRef`. */
function codeRefsOf(key: string, rules: CodeSystemRules): { codeRef: string; pairedCodeRef?: string } {
  const pair = rules.pairOf?.(key);
  if (!pair) return { codeRef: `${rules.system}#${key}` };
  return { codeRef: `${rules.system}#${pair[0]}`, pairedCodeRef: `${rules.system}#${pair[1]}` };
}

function titleOf(change: CodeChange, rules: CodeSystemRules): string {
  const values = change.after ?? change.before;
  if (!values) return "";
  return rules.titleOf(rules.fields.map((field) => values[field] ?? ""));
}
