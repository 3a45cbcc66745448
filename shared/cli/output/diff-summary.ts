import type { CodeSystemRules } from "../../core/code-system.js";
import type { ChangeType, CodeChange, SnapshotDiff } from "../../core/snapshot-diff.js";

const EXAMPLES = 5;

/** What a coder reads first: the CMS-style counts, then a few changes of each kind. */
export function diffAsSummary(diff: SnapshotDiff, rules: CodeSystemRules): string {
  const { summary } = diff;
  const out: string[] = [
    `${rules.label}: ${diff.fromVersion} → ${diff.toVersion}`,
    `  valid codes: ${summary.before.codes.toLocaleString("en-US")} → ${summary.after.codes.toLocaleString("en-US")} (records ${summary.before.records.toLocaleString("en-US")} → ${summary.after.records.toLocaleString("en-US")})`,
    `  new codes: ${summary.added}   deleted codes: ${summary.deleted}   revised codes: ${summary.revised}`,
  ];
  if (summary.minorRevisions > 0) {
    out.push(
      `  ${rules.minorRevisionNoun ?? "minor revisions"} (reported, not in CMS's counts): ${summary.minorRevisions}`,
    );
  }
  const headerChanges = summary.headers.added + summary.headers.deleted + summary.headers.revised;
  if (headerChanges > 0) {
    out.push(
      `  ${rules.apartNoun ?? "records apart"} (not codes): ${summary.headers.added} new, ${summary.headers.deleted} deleted, ${summary.headers.revised} revised`,
    );
  }
  const codes = diff.changes.filter((change) => change.category === "code" && change.counted !== false);
  for (const type of ["added", "deleted", "revised"] as const satisfies readonly ChangeType[]) {
    const some = codes.filter((change) => change.changeType === type);
    if (some.length === 0) continue;
    out.push("", `${heading[type]} (${some.length}${some.length > EXAMPLES ? `, first ${EXAMPLES}` : ""}):`);
    for (const change of some.slice(0, EXAMPLES)) out.push(`  ${describe(change, rules)}`);
  }
  return `${out.join("\n")}\n`;
}

const heading: Record<ChangeType, string> = {
  added: "New codes",
  deleted: "Deleted codes",
  revised: "Revised codes",
};

function describe(change: CodeChange, rules: CodeSystemRules): string {
  const record = change.after ?? change.before ?? {};
  const title = rules.titleOf(rules.fields.map((name) => record[name] ?? ""));
  const reason = change.reason ? ` [${change.reason}]` : "";
  if (change.changeType !== "revised") return `${change.key}  ${title}${reason}`;
  const fields = change.fields
    .map((field) => `${field.field}: "${field.before}" → "${field.after}"`)
    .join("; ");
  return `${change.key}  ${fields}${reason}`;
}
