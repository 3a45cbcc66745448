import type { RegulatoryEvent } from "../calendar/regulatory-calendar.js";
import type { CeuCycle } from "../ceu/ceu-cycle.js";
import type { ChangeRecord } from "../changes/change-record.js";
import { type DigestItem, digestItem } from "./digest-item.js";

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

const SYSTEM_LABELS: Readonly<Record<string, string>> = {
  icd10cm: "ICD-10-CM",
  icd10pcs: "ICD-10-PCS",
  hcpcs: "HCPCS Level II",
  cpt: "CPT",
  "ncci-ptp": "NCCI procedure-to-procedure edits",
  "ncci-mue": "NCCI medically unlikely edits",
  "federal-register": "Federal Register",
  "cms-newsroom": "CMS newsroom",
  "cms-transmittals": "CMS transmittals",
  "oig-workplan": "OIG Work Plan",
};

export function systemLabel(system: string): string {
  return SYSTEM_LABELS[system] ?? system;
}

/**
 * Groups matched changes by code system and source. Within a group, changes taking effect soon
 * come first, then later ones, then those already in effect; groups are ordered the same way by
 * their most pressing item. Groups and the whole digest are capped; the counts say what was left out.
 */
export function digestGroups(changes: readonly ChangeRecord[], today: string): DigestGroup[] {
  const bucket = new Map<string, { system: string; sourceId: string; items: DigestItem[] }>();
  for (const change of changes) {
    const key = `${change.system}\u0000${change.sourceId}`;
    let group = bucket.get(key);
    if (!group) {
      group = { system: change.system, sourceId: change.sourceId, items: [] };
      bucket.set(key, group);
    }
    group.items.push(digestItem(change, today));
  }
  const sorted = [...bucket.values()].map((group) => ({
    ...group,
    items: group.items.sort(byUrgency(today)),
  }));
  sorted.sort((a, b) => byUrgency(today)(a.items[0]!, b.items[0]!) || a.system.localeCompare(b.system));
  let budget = ITEMS_PER_DIGEST;
  return sorted.map((group) => {
    const shown = group.items.slice(0, Math.max(0, Math.min(ITEMS_PER_GROUP, budget)));
    budget -= shown.length;
    return {
      system: group.system,
      systemLabel: systemLabel(group.system),
      sourceId: group.sourceId,
      items: shown,
      more: group.items.length - shown.length,
      total: group.items.length,
    };
  });
}

const TYPE_ORDER: Readonly<Record<string, number>> = { added: 0, revised: 1, deleted: 2 };

function byUrgency(today: string) {
  const rank = (item: DigestItem) => (item.effectiveSoon ? 0 : item.effectiveDate > today ? 1 : 2);
  return (a: DigestItem, b: DigestItem): number =>
    rank(a) - rank(b) ||
    (rank(a) === 2
      ? b.effectiveDate.localeCompare(a.effectiveDate)
      : a.effectiveDate.localeCompare(b.effectiveDate)) ||
    (TYPE_ORDER[a.changeType] ?? 3) - (TYPE_ORDER[b.changeType] ?? 3) ||
    a.code.localeCompare(b.code);
}
