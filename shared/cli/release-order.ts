import type { CodeSystemRules } from "../core/code-system.js";
import type { SnapshotDiff } from "../core/snapshot-diff.js";
import type { Release } from "./diff-command.js";

/** When a release dates itself: a sortable key and how a person reads it. */
interface ReleaseDate {
  readonly key: string;
  readonly shown: string;
  readonly by: string;
}

/**
 * Why OLD looks newer than NEW, or undefined. A swapped pair diffs without error but reads as time
 * running backwards (every new code "deleted"), so the command says so on stderr. Evidence, in
 * order: the files' own fiscal year (the order file's name, e.g. `icd10cm_order_2019.txt`, April
 * after October); for HCPCS the newest action date each side carries among the records that
 * differ; and, when neither dates both sides, valid codes shrinking, which code sets rarely do.
 */
export function releaseOrderWarning(
  before: Release,
  after: Release,
  diff: SnapshotDiff,
  rules: CodeSystemRules,
): string | undefined {
  const icd10 = rules.family === "icd10cm" || rules.family === "icd10pcs";
  const was = icd10 ? fiscalYearOf(before) : undefined;
  const now = icd10 ? fiscalYearOf(after) : undefined;
  if (was && now) {
    return was.key > now.key
      ? `OLD (${was.shown}) is newer than NEW (${now.shown}) by ${was.by}: are OLD and NEW swapped?`
      : undefined;
  }
  const actions = actionDates(diff);
  if (actions) {
    return actions.before > actions.after
      ? `OLD carries action dates up to ${actions.before}, NEW only up to ${actions.after} (HCPCS ACT EFF DT of the records that differ): are OLD and NEW swapped?`
      : undefined;
  }
  const { codes: wasCodes } = diff.summary.before;
  const { codes: nowCodes } = diff.summary.after;
  if (nowCodes < wasCodes && diff.summary.deleted > diff.summary.added) {
    return `NEW has fewer valid ${rules.recordNoun.many} than OLD (${wasCodes.toLocaleString("en-US")} → ${nowCodes.toLocaleString("en-US")}), and ${rules.label} usually grows: are OLD and NEW swapped?`;
  }
  return undefined;
}

/** The fiscal year an ICD-10 order file names itself by (`icd10cm_order_2019.txt`, `…-April-2024.txt`). */
function fiscalYearOf(release: Release): ReleaseDate | undefined {
  for (const name of [release.payloads[0]?.name ?? "", release.version]) {
    if (!/order/i.test(name) && name !== release.version) continue;
    const year = /(?:^|[^0-9])(20\d\d)(?:[^0-9]|$)/.exec(name.split("/").pop() ?? name)?.[1];
    if (!year) continue;
    const april = /april/i.test(name);
    return {
      key: `${year}-${april ? "2" : "1"}`,
      shown: `FY${year}${april ? " April" : ""}`,
      by: name === release.version ? "the file names" : "the order files' names",
    };
  }
  return undefined;
}

function actionDates(diff: SnapshotDiff): { before: string; after: string } | undefined {
  let before = "";
  let after = "";
  for (const change of diff.changes) {
    const was = change.before?.actionEffectiveDate ?? "";
    const now = change.after?.actionEffectiveDate ?? "";
    if (was > before) before = was;
    if (now > after) after = now;
  }
  return before && after ? { before, after } : undefined;
}
