import type { CodeSystemRules } from "../core/code-system.js";
import type { CodeChange } from "../core/snapshot-diff.js";
import type { Evidence } from "../evidence/evidence.js";
import { type ChangeRecord, changeId } from "./change-record.js";

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
  readonly evidence: Evidence;
  readonly runId: string;
}

/** Turns a diff's changes into change-log entries carrying their release and evidence. */
export function toChangeRecords(changes: readonly CodeChange[], context: ReleaseContext): ChangeRecord[] {
  const detectedDay = context.detectedAt.slice(0, 10);
  const system = context.rules.system;
  return changes.map((change) => ({
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
    effectiveDate: context.effectiveDate,
    detectedAt: context.detectedAt,
    detectedDay,
    history: context.history,
    evidence: context.evidence,
    runId: context.runId,
  }));
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
