import type { PublisherCounts } from "../core/publisher-counts.js";
import type { ReleasePayload } from "../core/release.js";
import { releaseLines } from "../core/release-text.js";

/**
 * CMS's order-file addenda (`icd10cm_order_addenda_2019.txt`): one line per change of the order
 * file, `Add:`, `Delete:`, `Revise from:` / `Revise to:`, each with the valid flag (1 a valid code,
 * 0 a header), the code and its titles; and, in its heading or footer, CMS's own counts of
 * additions, deletions and revisions and the file they were counted against.
 *
 * The counts CMS states win; without them the valid-code lines are counted (a code that became a
 * header is a `Delete: 1` and an `Add: 0` of the same code, so only flag-1 lines count as codes).
 * A file with neither is not an addenda file: undefined.
 */
export function readAddendaCounts(payload: ReleasePayload): PublisherCounts | undefined {
  const lines = releaseLines(payload.bytes).map((line) => line.replace(/\r$/, ""));
  const listed = { added: 0, deleted: 0, revised: 0 };
  let any = false;
  for (const line of lines) {
    const match = /^\s*(Add|Delete|Revise\s+from|Revise\s+to)\s*:\s*([01])\s+[A-Z0-9]/i.exec(line);
    if (!match) continue;
    any = true;
    if (match[2] !== "1") continue;
    const action = match[1]!.toLowerCase().replace(/\s+/g, " ");
    if (action === "add") listed.added++;
    else if (action === "delete") listed.deleted++;
    else if (action === "revise to") listed.revised++;
  }
  const stated = statedCounts(
    lines.filter((line) => !/^\s*(Add|Delete|Revise)\b[^:]*:\s*[01]\s/i.test(line)),
  );
  if (!stated && !any) return undefined;
  const base = lines
    .map(
      (line) =>
        /\b(?:compared|counted)\s+(?:with|to|against)\s+(?:the\s+)?(\S+\.txt|FY\s?\d{4})/i.exec(line)?.[1],
    )
    .find(Boolean);
  return { ...(stated ?? listed), source: "addenda", ...(base ? { base } : {}) };
}

const NUMBER = "(\\d[\\d,]*)";

/** Counts written out in words, either way round: `279 additions`, `Additions: 279`, `new codes 279`. */
function statedCounts(
  lines: readonly string[],
): { added: number; deleted: number; revised: number } | undefined {
  const text = lines.join("\n");
  const count = (words: string) => {
    const after = new RegExp(`${NUMBER}\\s+(?:valid\\s+)?(?:codes?\\s+)?(?:${words})`, "i").exec(text);
    const before = new RegExp(`(?:${words})\\s*(?:codes?)?\\s*[:=-]?\\s*${NUMBER}`, "i").exec(text);
    const digits = (after ?? before)?.[1];
    return digits === undefined ? undefined : Number(digits.replace(/,/g, ""));
  };
  const added = count("additions?|added|new");
  const deleted = count("deletions?|deleted");
  const revised = count("revisions?|revised");
  if (added === undefined || deleted === undefined || revised === undefined) return undefined;
  return { added, deleted, revised };
}
