import type { CodeSystemRules } from "../core/code-system.js";
import { type CodeSetSnapshot, keyOf, toLine } from "../core/snapshot.js";

/** One document as a snapshot line: its key and its meaningful fields in `rules.fields` order. */
export interface DocumentLine {
  readonly key: string;
  readonly values: Readonly<Record<string, string>>;
}

/**
 * The snapshot of a document set as listed at `at`. A listing that repeats a document (a feed
 * item shown twice, a Federal Register page boundary read twice) keeps its first reading.
 */
export function documentSnapshot(
  rules: CodeSystemRules,
  at: Date,
  documents: readonly DocumentLine[],
): CodeSetSnapshot {
  const byKey = new Map<string, string>();
  for (const document of documents) {
    const key = document.key.replace(/[\t\r\n]+/g, " ").trim();
    if (key === "" || byKey.has(key)) continue;
    byKey.set(
      key,
      toLine(
        key,
        rules.fields.map((field) => (document.values[field] ?? "").trim()),
      ),
    );
  }
  const lines = [...byKey.values()].sort((a, b) => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  return { system: rules.system, version: `${at.toISOString().slice(0, 16)}Z`, fields: rules.fields, lines };
}
