/**
 * A code set as released on one date: every record keyed by its code.
 *
 * Records are kept as their normalized text lines (`key\tfield1\tfield2…`), sorted by key in
 * code-unit order, so two snapshots diff by a sorted merge that compares whole lines first and
 * only splits the few lines whose key matches but whose text differs. That keeps a 3-million-row
 * NCCI table diffable without building an object per row.
 */
export interface CodeSetSnapshot {
  /** Which code system the lines belong to, e.g. `icd10cm`. */
  readonly system: string;
  /** The release label, e.g. `FY2019` or `2026-Q4`. */
  readonly version: string;
  /** Names of the fields after the key, in line order. */
  readonly fields: readonly string[];
  /** Sorted, unique by key; fields never contain a tab or newline. */
  readonly lines: readonly string[];
}

export const FIELD_SEPARATOR = "\t";

/** The key of a snapshot line: the text before the first tab. */
export function keyOf(line: string): string {
  const tab = line.indexOf(FIELD_SEPARATOR);
  return tab < 0 ? line : line.slice(0, tab);
}

/** Field values of a snapshot line, without the key. */
export function fieldsOf(line: string): string[] {
  return line.split(FIELD_SEPARATOR).slice(1);
}

/** Builds a snapshot line; tabs and line breaks inside values become spaces so lines stay lines. */
export function toLine(key: string, values: readonly string[]): string {
  let line = key;
  for (const value of values) line += FIELD_SEPARATOR + value.replace(/[\t\r\n]+/g, " ");
  return line;
}
