import { addDays } from "../calendar/local-date.js";
import type { CeuCycle } from "../ceu/ceu-cycle.js";
import type { ChangeRecord } from "../changes/change-record.js";
import { type DigestItem, digestItem, EFFECTIVE_SOON_DAYS, isCodeSetChange, tableOf } from "./digest-item.js";
import type { WordingContext } from "./wording/change-wording.js";

export interface DigestGroup {
  /** Stable id of the group: the anchor of its section on the digest page. */
  readonly id: string;
  readonly system: string;
  /** "NCCI procedure-to-procedure edits (practitioner)". */
  readonly label: string;
  readonly sourceId: string;
  readonly items: readonly DigestItem[];
  /** Matched changes not shown, to keep the email readable and under Gmail's 102 KB clip. */
  readonly more: number;
  readonly total: number;
  readonly upcoming: number;
  readonly inEffect: number;
}

/** The watchlist's hits: what opens the digest. */
export interface YourCodes {
  /** Sentences: "3 codes you bill were deleted: I63.81 (use I63.811 …)". */
  readonly summary: readonly string[];
  readonly items: readonly DigestItem[];
  readonly total: number;
  readonly more: number;
}

/**
 * A date coming up and what happens on it: the regulatory calendar's updates, and releases
 * published ahead of their effective date. One entry per date, so January 1 reads as one line.
 */
export interface HeadsUp {
  readonly date: string;
  readonly daysAway: number;
  readonly events: readonly { readonly title: string; readonly detail: string }[];
}

/** Everything one subscriber's digest says, ready for the templates. */
export interface DigestContent {
  readonly greetingName?: string;
  readonly periodLabel: string;
  /** The line inboxes show after the subject. */
  readonly preheader: string;
  readonly totalChanges: number;
  readonly upcoming: number;
  readonly inEffect: number;
  readonly yourCodes?: YourCodes;
  readonly groups: readonly DigestGroup[];
  readonly headsUp: readonly HeadsUp[];
  readonly ceuCycles: readonly CeuCycle[];
  readonly links: {
    readonly preferences: string;
    readonly unsubscribe: string;
    readonly logCeus: string;
    /** The whole digest on a web page (signed; no account needed). */
    readonly fullDigest: string;
  };
}

/** How much of a digest the email shows; the web page shows everything. */
export interface DigestCaps {
  readonly perGroup: number;
  readonly perDigest: number;
  readonly watched: number;
}

/**
 * Sized to stay readable on a phone and under Gmail's 102 KB clipping limit for any number of
 * matches: the rest is on the digest page, linked from every group.
 */
export const EMAIL_CAPS: DigestCaps = { perGroup: 8, perDigest: 40, watched: 25 };

/** The system's name as its rules gave it when the change was recorded (older records: the system id). */
export function systemLabelOf(change: Pick<ChangeRecord, "system" | "systemLabel">): string {
  return change.systemLabel ?? change.system;
}

function groupLabel(change: ChangeRecord): string {
  const label = systemLabelOf(change);
  const table = tableOf(change);
  return table ? `${label} (${table})` : label;
}

/**
 * Groups matched changes by code system and source. Within a group, changes taking effect soon
 * come first, then later ones, then those already in effect (newest first); groups are ordered
 * the same way by their most pressing item. Groups and the whole digest are capped; the counts
 * say what was left out. Only the changes shown become digest items: a whole-code-system reader
 * matches thousands.
 */
export function digestGroups(
  changes: readonly ChangeRecord[],
  today: string,
  context: WordingContext,
  caps: Pick<DigestCaps, "perGroup" | "perDigest">,
): DigestGroup[] {
  const bucket = new Map<string, { first: ChangeRecord; total: number; upcoming: number; top: Ranked[] }>();
  for (const change of changes) {
    const key = `${change.system}\u0000${change.sourceId}`;
    let group = bucket.get(key);
    if (!group) {
      group = { first: change, total: 0, upcoming: 0, top: [] };
      bucket.set(key, group);
    }
    group.total++;
    const urgency = urgencyKey(change, today);
    // Ranks 0 and 1 are changes still to take effect (see computeUrgencyKey).
    if (urgency < "2") group.upcoming++;
    keepMostUrgent(group.top, [urgency, change], caps.perGroup);
  }
  const groups = [...bucket.values()].sort((a, b) => compareRanked(a.top[0]!, b.top[0]!));
  let budget = caps.perDigest;
  return groups.map((group) => {
    const shown = group.top.slice(0, Math.max(0, Math.min(caps.perGroup, budget)));
    budget -= shown.length;
    const items = shown.map(([, change]) => digestItem(change, today, context));
    return {
      id: groupId(group.first),
      system: group.first.system,
      label: groupLabel(group.first),
      sourceId: group.first.sourceId,
      items,
      more: group.total - shown.length,
      total: group.total,
      upcoming: group.upcoming,
      inEffect: group.total - group.upcoming,
    };
  });
}

/** The anchor of a group on the digest page, e.g. `ncci-ptp-practitioner`. */
export function groupId(change: Pick<ChangeRecord, "sourceId" | "system">): string {
  return `${change.system}--${change.sourceId}`.replace(/[^a-z0-9-]/gi, "-");
}

/** The most urgent changes first (see `digestGroups`), at most `limit` of them. */
export function mostUrgent(changes: Iterable<ChangeRecord>, today: string, limit: number): ChangeRecord[] {
  const top: Ranked[] = [];
  for (const change of changes) keepMostUrgent(top, [urgencyKey(change, today), change], limit);
  return top.map(([, change]) => change);
}

type Ranked = readonly [string, ChangeRecord];

const compareRanked = (a: Ranked, b: Ranked): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/**
 * Keeps the `limit` most urgent entries in order. A whole-code-system reader matches thousands of
 * changes and is shown a few per group: most entries lose one comparison with the last kept.
 */
function keepMostUrgent(top: Ranked[], entry: Ranked, limit: number): void {
  if (limit <= 0) return;
  if (top.length === limit && compareRanked(entry, top[limit - 1]!) >= 0) return;
  let at = top.length;
  while (at > 0 && compareRanked(entry, top[at - 1]!) < 0) at--;
  top.splice(at, 0, entry);
  if (top.length > limit) top.pop();
}

const TYPE_ORDER: Readonly<Record<string, string>> = { deleted: "0", added: "1", revised: "2" };

/**
 * A string that sorts changes by urgency: effective soon (0), later (1), already in effect (2,
 * newest first by complementing the date's digits), then deleted (what a coder must stop using),
 * added, revised, then code.
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
  const soon = effective > today && effective <= addDays(today, EFFECTIVE_SOON_DAYS);
  // Dated changes first; an undated document after every dated change.
  const rank = effective === "" ? "3" : soon && isCodeSetChange(change) ? "0" : effective > today ? "1" : "2";
  const date = rank === "2" ? effective.replace(/\d/g, (d) => String(9 - Number(d))) : effective;
  return `${rank}${date}${TYPE_ORDER[change.changeType] ?? "3"}${change.key}`;
}
