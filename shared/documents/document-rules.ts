import type { CodeSystemRules } from "../core/code-system.js";

/**
 * How a document set's snapshot lines read: every document counts as a record of its own (there
 * are no header lines), and its title is the field named `title`.
 */
export function documentRules(system: string, label: string, fields: readonly string[]): CodeSystemRules {
  const title = fields.indexOf("title");
  if (title < 0) throw new Error(`${system}: a document set needs a "title" field`);
  return {
    system,
    label,
    family: null,
    displayCode: (key) => key,
    recordNoun: { one: "document", many: "documents" },
    cliDiff: null,
    fields,
    categoryOf: () => "code",
    categoryOfLine: () => "code",
    titleOf: (values) => values[title] ?? "",
  };
}
