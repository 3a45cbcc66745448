import type { CodeChange } from "../core/snapshot-diff.js";
import type { Evidence } from "../evidence/evidence.js";

/** Which archived file(s) each change of a release points at. */
export type EvidenceOfChange = (change: CodeChange) => readonly [Evidence, ...Evidence[]];

/**
 * A change points at the file it was read from, whose bytes hash to the sha256 it shows: the
 * files the strategy names for it (a document's detail page and listing), else the part whose key
 * range holds its key (an NCCI edit, added or deleted, lives in the part covering its pair), else
 * the release's first file.
 */
export function evidenceOfChange(
  files: readonly [Evidence, ...Evidence[]],
  options: {
    readonly filesOfChange?: (change: CodeChange) => readonly number[];
    readonly partStarts?: readonly string[];
  } = {},
): EvidenceOfChange {
  const { filesOfChange, partStarts } = options;
  return (change) => {
    const named = (filesOfChange?.(change) ?? []).map((index) => files[index]).filter(isEvidence);
    if (named.length > 0) return unique(named as [Evidence, ...Evidence[]]);
    if (partStarts && partStarts.length === files.length)
      return [files[partHolding(partStarts, change.key)]!];
    return [files[0]];
  };
}

/** The last part whose first key is at or before `key` (the first part for a key before them all). */
export function partHolding(partStarts: readonly string[], key: string): number {
  let low = 0;
  let high = partStarts.length - 1;
  let found = 0;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    if (partStarts[mid]! <= key) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

function isEvidence(file: Evidence | undefined): file is Evidence {
  return file !== undefined;
}

function unique(files: [Evidence, ...Evidence[]]): [Evidence, ...Evidence[]] {
  const seen = new Set<string>();
  return files.filter((file) => !seen.has(file.sha256) && seen.add(file.sha256)) as [Evidence, ...Evidence[]];
}
