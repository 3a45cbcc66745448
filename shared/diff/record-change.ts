import type { CodeSystemRules } from "../core/code-system.js";
import { fieldsOf, keyOf } from "../core/snapshot.js";
import type { CodeChange, FieldChange } from "../core/snapshot-diff.js";

/**
 * How one snapshot line, or one pair of lines with the same key, reads as a change the way CMS
 * counts: a valid code that turns into a header was expanded into subcodes and is a deleted code;
 * a header that turns valid is a new code; a valid code whose fields changed is revised.
 */
export function addedRecord(line: string, rules: CodeSystemRules): CodeChange {
  return recordAlone(line, rules, "added");
}

export function deletedRecord(line: string, rules: CodeSystemRules): CodeChange {
  return recordAlone(line, rules, "deleted");
}

/** A record on one side only: its fields are the record after (added) or before (deleted). */
function recordAlone(line: string, rules: CodeSystemRules, changeType: "added" | "deleted"): CodeChange {
  const fields = fieldsOf(line);
  return {
    key: keyOf(line),
    changeType,
    category: rules.categoryOf(fields),
    [changeType === "added" ? "after" : "before"]: named(fields, rules),
    fields: [],
  };
}

/** Lines with the same key and different text. */
export function revisedRecord(beforeLine: string, afterLine: string, rules: CodeSystemRules): CodeChange {
  const before = fieldsOf(beforeLine);
  const after = fieldsOf(afterLine);
  const fields: FieldChange[] = [];
  const count = Math.max(rules.fields.length, before.length, after.length);
  for (let i = 0; i < count; i++) {
    const was = before[i] ?? "";
    const now = after[i] ?? "";
    if (was !== now) fields.push({ field: rules.fields[i] ?? `field${i + 1}`, before: was, after: now });
  }
  const common = {
    key: keyOf(afterLine),
    before: named(before, rules),
    after: named(after, rules),
    fields,
  };
  const verdict = rules.classify?.(before, after);
  const wasCategory = rules.categoryOf(before);
  const nowCategory = rules.categoryOf(after);
  if (verdict) {
    return {
      ...common,
      changeType: verdict.changeType,
      category: verdict.category ?? "code",
      reason: verdict.reason,
      ...(verdict.counted === false ? { counted: false } : {}),
    };
  }
  if (wasCategory === "code" && nowCategory === "header") {
    return { ...common, changeType: "deleted", category: "code", reason: "expanded-to-header" };
  }
  if (wasCategory === "header" && nowCategory === "code") {
    return { ...common, changeType: "added", category: "code", reason: "header-to-code" };
  }
  return { ...common, changeType: "revised", category: nowCategory };
}

function named(values: readonly string[], rules: CodeSystemRules): Record<string, string> {
  const record: Record<string, string> = {};
  rules.fields.forEach((name, i) => {
    record[name] = values[i] ?? "";
  });
  return record;
}
