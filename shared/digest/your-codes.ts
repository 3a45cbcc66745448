import type { ChangeRecord } from "../changes/change-record.js";
import type { DigestCaps, YourCodes } from "./digest-content.js";
import { mostUrgent } from "./digest-content.js";
import { type DigestItem, digestItem } from "./digest-item.js";
import type { ChangeKind, WordingContext } from "./wording/change-wording.js";
import { listOf } from "./wording/plain-dates.js";

/**
 * The digest's opening: the changes to codes on the reader's watchlist, most urgent first, and a
 * sentence per kind of change that says what to do ("3 codes you bill were deleted: I63.81 (use
 * I63.811 or I63.812) …").
 */
export function yourCodes(
  watched: ReadonlySet<ChangeRecord>,
  today: string,
  context: WordingContext,
  caps: Pick<DigestCaps, "watched">,
): YourCodes | undefined {
  if (watched.size === 0) return undefined;
  // Every hit is worded for the summary; only the capped most urgent are shown as items.
  const all = mostUrgent(watched, today, watched.size).map((change) =>
    digestItem(change, today, context, true),
  );
  return {
    summary: summarize(all),
    items: all.slice(0, caps.watched),
    total: all.length,
    more: Math.max(0, all.length - caps.watched),
  };
}

const NAMED = 5;

function summarize(items: readonly DigestItem[]): string[] {
  const of = (...kinds: ChangeKind[]) => items.filter((item) => kinds.includes(item.kind));
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const lines: string[] = [];
  const deleted = of("deleted");
  if (deleted.length > 0) {
    const named = deleted.map((item) =>
      item.replacements.length > 0
        ? `${item.code} (use ${listOf(item.replacements, 3)})`
        : `${item.code} (no replacement published)`,
    );
    lines.push(
      `${count(deleted.length, "code you bill was", "codes you bill were")} deleted: ${listOf(named, NAMED)}.`,
    );
  }
  const newEdits = of("new-edit");
  if (newEdits.length > 0) {
    lines.push(
      `${count(newEdits.length, "new NCCI edit bundles", "new NCCI edits bundle")} codes you bill: ${listOf(
        newEdits.map((i) => i.code),
        NAMED,
      )}.`,
    );
  }
  const removed = of("edit-removed");
  if (removed.length > 0) {
    lines.push(
      `${count(removed.length, "NCCI edit on your codes was", "NCCI edits on your codes were")} removed, so the codes may be billed together: ${listOf(
        removed.map((i) => i.code),
        NAMED,
      )}.`,
    );
  }
  const modifier = of("modifier");
  if (modifier.length > 0) {
    lines.push(
      `${count(modifier.length, "NCCI edit on your codes changed its", "NCCI edits on your codes changed their")} modifier rule: ${listOf(
        modifier.map((i) => `${i.code} (${i.headline})`),
        NAMED,
      )}.`,
    );
  }
  const edits = of("edit-revised");
  if (edits.length > 0) {
    lines.push(
      `${count(edits.length, "NCCI edit on your codes", "NCCI edits on your codes")} changed: ${listOf(
        edits.map((i) => i.code),
        NAMED,
      )}.`,
    );
  }
  const mue = of("mue");
  if (mue.length > 0) {
    lines.push(
      `${count(mue.length, "MUE limit on your codes", "MUE limits on your codes")} changed: ${listOf(
        mue.map((i) => `${i.code} ${i.headline}`),
        NAMED,
      )}.`,
    );
  }
  const revised = of("revised");
  if (revised.length > 0) {
    lines.push(
      `${count(revised.length, "code you bill has", "codes you bill have")} a new title or description: ${listOf(
        revised.map((i) => i.code),
        NAMED,
      )}.`,
    );
  }
  const added = of("new", "reinstated");
  if (added.length > 0) {
    lines.push(
      `${count(added.length, "new code", "new codes")} under or among the codes on your watchlist: ${listOf(
        added.map((i) => i.code),
        NAMED,
      )}.`,
    );
  }
  const documents = of("document");
  if (documents.length > 0) {
    lines.push(
      `${count(documents.length, "CMS document mentions", "CMS documents mention")} codes you bill.`,
    );
  }
  return lines;
}
