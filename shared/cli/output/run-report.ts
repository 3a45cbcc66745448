import type { ChangeRecord } from "../../changes/change-record.js";
import type { RunRecord } from "../../runs/run-record.js";
import { SOURCE_CATALOG } from "../../sources/catalog.js";

/** What a source's records are, in the words its readers use (its rules' noun). */
function recordsOf(sourceId: string): string {
  return SOURCE_CATALOG.find((candidate) => candidate.id === sourceId)?.rules.recordNoun.many ?? "records";
}

/** Source ids line up in a column as wide as the catalog's longest id. */
const ID_WIDTH = Math.max(...SOURCE_CATALOG.map((source) => source.id.length));

/** One run, as a person reads it in a terminal. */
export function describeRun(run: RunRecord): string {
  const label = `${run.sourceId.padEnd(ID_WIDTH)} ${(run.version ?? "").padEnd(10)}`;
  switch (run.status) {
    case "baseline":
      return (
        `${label} baseline: ${run.records ?? 0} records recorded as the starting point` +
        // A backfilled release older than the old baseline: the later release's changes against it.
        (run.changesWritten
          ? `; ${run.changesWritten} changes of the release after it stored as history`
          : "")
      );
    case "succeeded": {
      const s = run.summary;
      if (!s) return `${label} collected`;
      const headers = s.headers.added + s.headers.deleted + s.headers.revised;
      return (
        `${label} vs ${run.previousVersion}: ${s.added} new, ${s.deleted} deleted, ${s.revised} revised ${recordsOf(run.sourceId)}` +
        (s.minorRevisions > 0 ? ` (+${s.minorRevisions} abbreviated-title-only)` : "") +
        (headers > 0
          ? ` (headers: ${s.headers.added} new, ${s.headers.deleted} deleted, ${s.headers.revised} revised)`
          : "") +
        `; ${run.changesWritten ?? 0} changes stored${run.history ? " as history" : ""}` +
        publisherNote(run)
      );
    }
    case "unchanged":
      return `${label} nothing new: ${run.reason ?? "unchanged"}`;
    case "failed":
      return `${label} FAILED: ${run.reason ?? "unknown reason"}`;
    default:
      return `${label} ${run.status}`;
  }
}

/** The publisher's own counts beside the diff: agreement as evidence, disagreement flagged. */
function publisherNote(run: RunRecord): string {
  const check = run.publisherCheck;
  if (!check) return "";
  const mark = check.status === "disagrees" ? "FINDING: " : "";
  return `\n${" ".repeat(ID_WIDTH + 12)}${mark}${check.note}`;
}

/** A change on one line: code, what happened, and the field-level before/after. */
export function describeChange(change: ChangeRecord): string {
  const what = `${change.changeType}${change.category !== "code" ? ` (${change.category})` : ""}${change.reason ? ` [${change.reason}]` : ""}`;
  const fields = change.fields
    .map((field) => `${field.field}: "${clip(field.before)}" → "${clip(field.after)}"`)
    .join("; ");
  return `${change.system} ${change.key.padEnd(8)} ${what.padEnd(30)} ${fields || clip(change.title, 70)}`;
}

function clip(text: string, max = 50): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
