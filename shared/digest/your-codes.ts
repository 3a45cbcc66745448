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

/**
 * The codes of some items, each once: the same edit in two NCCI tables (Medicare and Medicaid) is
 * one edit to a reader, named once with its tables counted.
 */
function codesOf(
  items: readonly DigestItem[],
  describe: (item: DigestItem) => string = (item) => item.code,
): string[] {
  const tables = new Map<string, number>();
  for (const item of items) tables.set(describe(item), (tables.get(describe(item)) ?? 0) + 1);
  return [...tables].map(([name, count]) => (count > 1 ? `${name} (in ${count} tables)` : name));
}

function summarize(items: readonly DigestItem[]): string[] {
  const of = (...kinds: ChangeKind[]) => items.filter((item) => kinds.includes(item.kind));
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const lines: string[] = [];
  const say = (names: readonly string[], one: string, many: string, rest: string) => {
    if (names.length > 0) lines.push(`${count(names.length, one, many)}${rest}${listOf(names, NAMED)}.`);
  };
  say(
    codesOf(of("deleted"), (item) =>
      item.replacements.length > 0
        ? `${item.code} (use ${listOf(item.replacements, 3)})`
        : `${item.code} (no replacement published)`,
    ),
    "code you bill was",
    "codes you bill were",
    " deleted: ",
  );
  say(codesOf(of("new-edit")), "new NCCI edit bundles", "new NCCI edits bundle", " codes you bill: ");
  say(
    codesOf(of("edit-removed")),
    "NCCI edit on your codes was",
    "NCCI edits on your codes were",
    " removed, so the codes may be billed together: ",
  );
  say(
    codesOf(of("modifier"), (item) => `${item.code} (${item.headline})`),
    "NCCI edit on your codes changed its",
    "NCCI edits on your codes changed their",
    " modifier rule: ",
  );
  say(codesOf(of("edit-revised")), "NCCI edit on your codes", "NCCI edits on your codes", " changed: ");
  say(
    codesOf(of("mue"), (item) => `${item.code} ${item.headline}`),
    "MUE limit on your codes",
    "MUE limits on your codes",
    " changed: ",
  );
  say(codesOf(of("revised")), "code you bill has", "codes you bill have", " a new title or description: ");
  say(
    codesOf(of("new", "reinstated")),
    "new code",
    "new codes",
    " under or among the codes on your watchlist: ",
  );
  const documents = of("document");
  if (documents.length > 0) {
    lines.push(
      `${count(documents.length, "CMS document mentions", "CMS documents mention")} codes you bill.`,
    );
  }
  return lines;
}
