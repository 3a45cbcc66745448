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
  /**
   * The same records read in place in the release file they were parsed from, when the parser
   * keeps them so. A diff of two snapshots whose records share a layout compares those bytes and
   * builds the text of only the records that differ: a release leaves ~99 % of them alone. Absent
   * for a snapshot read back from storage, which diffs by its lines.
   */
  readonly inPlace?: RecordsInPlace;
}

/**
 * A release's records where they sit in its file, in key order, each turned into its snapshot
 * line only when asked. What makes two records the same is the parser's business (it knows which
 * bytes hold a record's content); the diff only asks.
 */
export interface RecordsInPlace {
  /** Records of two releases compare in place only under the same layout, e.g. `icd10-order-file`. */
  readonly layout: string;
  readonly count: number;
  /** Record `i` is `other`'s record `j`, byte for byte where a record's key and content lie. */
  sameRecord(i: number, other: RecordsInPlace, j: number): boolean;
  /** The order of record `i`'s key against `other`'s record `j`'s, as their lines' keys sort. */
  compareKeys(i: number, other: RecordsInPlace, j: number): number;
  /** Whether record `i` counts as a code rather than a header (`categoryOfLine` of its line). */
  isCode(i: number): boolean;
  /** Record `i`'s snapshot line. */
  line(i: number): string;
  /** Every record's line, in key order: the snapshot's `lines`. */
  lines(): string[];
}

/**
 * A snapshot of records read in place. Its `lines` are built on first use (storing a snapshot needs
 * them; diffing two such snapshots does not), then kept. `inPlace` is not enumerable: a copy, a
 * comparison or a JSON form of the snapshot is its lines, as for any snapshot.
 */
export function snapshotInPlace(
  header: Pick<CodeSetSnapshot, "system" | "version" | "fields">,
  records: RecordsInPlace,
): CodeSetSnapshot {
  let lines: string[] | undefined;
  return Object.defineProperties(
    { ...header },
    {
      lines: {
        enumerable: true,
        get: () => {
          lines ??= records.lines();
          return lines;
        },
      },
      inPlace: { enumerable: false, value: records },
    },
  ) as CodeSetSnapshot;
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
