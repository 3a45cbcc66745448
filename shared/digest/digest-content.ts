import { addDays } from "../calendar/local-date.js";
import type { RegulatoryEvent } from "../calendar/regulatory-calendar.js";
import type { CeuCycle } from "../ceu/ceu-cycle.js";
import type { ChangeRecord } from "../changes/change-record.js";
import { type DigestItem, digestItem, EFFECTIVE_SOON_DAYS } from "./digest-item.js";

export interface DigestGroup {
  readonly system: string;
  readonly systemLabel: string;
  readonly sourceId: string;
  readonly items: readonly DigestItem[];
  /** Matched changes not shown, to keep the email readable (and under Gmail's 102 KB clip). */
  readonly more: number;
  readonly total: number;
}

/** Everything one subscriber's digest says, ready for the templates. */
export interface DigestContent {
  readonly greetingName?: string;
  readonly periodLabel: string;
  readonly groups: readonly DigestGroup[];
  readonly totalChanges: number;
  readonly headsUp: readonly RegulatoryEvent[];
  readonly ceuCycles: readonly CeuCycle[];
  readonly links: { readonly preferences: string; readonly unsubscribe: string; readonly logCeus: string };
}

export const ITEMS_PER_GROUP = 15;
export const ITEMS_PER_DIGEST = 60;

/** The system's name as its rules gave it when the change was recorded (older records: the system id). */
function systemLabel(change: ChangeRecord): string {
  return change.systemLabel ?? change.system;
}

/**
 * Groups matched changes by code system and source. Within a group, changes taking effect soon
 * come first, then later ones, then those already in effect (newest first); groups are ordered
 * the same way by their most pressing item. Groups and the whole digest are capped; the counts
 * say what was left out. Only the changes shown become digest items: a whole-code-system reader
 * matches thousands.
 */
export function digestGroups(changes: readonly ChangeRecord[], today: string): DigestGroup[] {
  const bucket = new Map<
    string,
    { system: string; systemLabel: string; sourceId: string; total: number; top: Ranked[] }
  >();
  for (const change of changes) {
    const key = `${change.system}\u0000${change.sourceId}`;
    let group = bucket.get(key);
    if (!group) {
      group = {
        system: change.system,
        systemLabel: systemLabel(change),
        sourceId: change.sourceId,
        total: 0,
        top: [],
      };
      bucket.set(key, group);
    }
    group.total++;
    keepMostUrgent(group.top, [urgencyKey(change, today), change], ITEMS_PER_GROUP);
  }
  const groups = [...bucket.values()].sort((a, b) => compareRanked(a.top[0]!, b.top[0]!));
  let budget = ITEMS_PER_DIGEST;
  return groups.map((group) => {
    const shown = group.top.slice(0, Math.max(0, Math.min(ITEMS_PER_GROUP, budget)));
    budget -= shown.length;
    return {
      system: group.system,
      systemLabel: group.systemLabel,
      sourceId: group.sourceId,
      items: shown.map(([, change]) => digestItem(change, today)),
      more: group.total - shown.length,
      total: group.total,
    };
  });
}

type Ranked = readonly [string, ChangeRecord];

const compareRanked = (a: Ranked, b: Ranked): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/**
 * Keeps the `limit` most urgent entries in order. A whole-code-system reader matches thousands of
 * changes and is shown fifteen per group: most entries lose one comparison with the last kept.
 */
function keepMostUrgent(top: Ranked[], entry: Ranked, limit: number): void {
  if (top.length === limit && compareRanked(entry, top[limit - 1]!) >= 0) return;
  let at = top.length;
  while (at > 0 && compareRanked(entry, top[at - 1]!) < 0) at--;
  top.splice(at, 0, entry);
  if (top.length > limit) top.pop();
}

const TYPE_ORDER: Readonly<Record<string, string>> = { added: "0", revised: "1", deleted: "2" };

/**
 * A string that sorts changes by urgency: effective soon (0), later (1), already in effect (2,
 * newest first by complementing the date's digits), then added, revised, deleted, then code.
 */
function urgencyKey(change: ChangeRecord, today: string): string {
  const cached = URGENCY.get(change);
  if (cached?.today === today) return cached.key;
  const key = computeUrgencyKey(change, today);
  URGENCY.set(change, { today, key });
  return key;
}

// Every reader of one window ranks the same change objects on (nearly always) the same day.
const URGENCY = new WeakMap<ChangeRecord, { today: string; key: string }>();

function computeUrgencyKey(change: ChangeRecord, today: string): string {
  const effective = change.effectiveDate?.slice(0, 10) ?? "";
  const soon = effective >= today && effective <= addDays(today, EFFECTIVE_SOON_DAYS);
  const rank = soon && change.family !== undefined ? "0" : effective > today ? "1" : "2";
  const date = rank === "2" ? effective.replace(/\d/g, (d) => String(9 - Number(d))) : effective;
  return `${rank}${date}${TYPE_ORDER[change.changeType] ?? "3"}${change.key}`;
}
