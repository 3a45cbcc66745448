import type { ChangeRecord } from "../changes/change-record.js";
import { CODE_FAMILIES } from "../core/code-system.js";
import { type CodeFamily, codeInRange, normalizeCode } from "../specialties/code-range.js";
import { type InterestProfile, normalizeText } from "./interest-profile.js";

interface IndexedChange {
  readonly change: ChangeRecord;
  readonly family?: CodeFamily;
  /** Lower-cased text of the change (title, field values) for keyword search. */
  readonly text: string;
}

interface SortedCodes {
  readonly codes: string[];
  readonly owners: number[];
}

const FAMILIES: readonly CodeFamily[] = CODE_FAMILIES;
/** Document fields that list codes (e.g. a Federal Register rule's `codes`). */
const CODE_FIELDS = ["codes", "code", "cptCodes", "hcpcsCodes", "icd10Codes"];

/**
 * The changes of a digest window, indexed once and matched against many subscribers: codes sorted
 * per family (a range is two binary searches, not a scan) and words to the changes holding them.
 * History (backfilled releases) never enters the index. Generic over ChangeRecord: a code set's
 * change is found by its key (and an NCCI pair's second code), a document by the codes, topics
 * and words its fields carry.
 */
export class ChangeIndex {
  private readonly entries: IndexedChange[] = [];
  private readonly byFamily = new Map<CodeFamily, SortedCodes>();
  private readonly byWord = new Map<string, number[]>();
  private readonly bySource = new Map<string, number[]>();
  private readonly addedByRelease = new Map<string, ChangeRecord[]>();
  private readonly upcoming = new Map<string, UpcomingRelease[]>();

  constructor(changes: Iterable<ChangeRecord>) {
    const pending = new Map<CodeFamily, [string, number][]>(FAMILIES.map((family) => [family, []]));
    for (const change of changes) {
      if (change.history) continue;
      const index = this.entries.length;
      const family = change.family;
      const text = textOf(change);
      this.entries.push({ change, ...(family ? { family } : {}), text });
      push(this.bySource, change.sourceId, index);
      if (change.changeType === "added" && family) {
        const release = `${change.sourceId}\u0000${change.releaseKey}`;
        const list = this.addedByRelease.get(release);
        if (list) list.push(change);
        else this.addedByRelease.set(release, [change]);
      }
      for (const word of new Set(text.match(/[a-z0-9]+/g) ?? [])) push(this.byWord, word, index);
      if (family) {
        for (const code of codesOfCodeSet(change)) pending.get(family)!.push([code, index]);
      } else {
        // A document does not say which family its codes are: offer them to each.
        for (const code of codesOfDocument(change))
          for (const f of FAMILIES) pending.get(f)!.push([code, index]);
      }
    }
    for (const [family, pairs] of pending) {
      pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
      this.byFamily.set(family, { codes: pairs.map((p) => p[0]), owners: pairs.map((p) => p[1]) });
    }
  }

  get size(): number {
    return this.entries.length;
  }

  /** The changes a profile matches, in index order. */
  match(profile: InterestProfile): ChangeRecord[] {
    const hit = this.hits(profile, profile.ranges, true);
    const matched: ChangeRecord[] = [];
    for (let i = 0; i < hit.length; i++) if (hit[i]) matched.push(this.entries[i]!.change);
    return matched;
  }

  /** The changes a profile's watchlist matches (a subset of `match`): what opens the digest. */
  watched(profile: InterestProfile): Set<ChangeRecord> {
    if (profile.watchlist.length === 0) return new Set();
    const hit = this.hits(profile, profile.watchlist, false);
    const watched = new Set<ChangeRecord>();
    for (let i = 0; i < hit.length; i++) if (hit[i]) watched.add(this.entries[i]!.change);
    return watched;
  }

  /**
   * Code-set releases of this window whose changes take effect after `today`, per source: a
   * release published ahead of its date is news in itself ("FY2027 ICD-10-CM published: takes
   * effect 2026-10-01"), whichever of its codes a reader follows.
   */
  upcomingReleases(today: string): UpcomingRelease[] {
    // Every reader of a window asks on (nearly always) the same day: answer from the first.
    const known = this.upcoming.get(today);
    if (known) return known;
    const releases = new Map<string, UpcomingRelease>();
    for (const { change, family } of this.entries) {
      const effective = change.effectiveDate?.slice(0, 10) ?? "";
      if (family === undefined || effective <= today) continue;
      const key = `${change.sourceId}\u0000${change.version}`;
      const known = releases.get(key);
      releases.set(key, {
        sourceId: change.sourceId,
        system: change.system,
        systemLabel: change.systemLabel,
        version: change.version,
        effectiveDate: effective,
        changes: (known?.changes ?? 0) + 1,
      });
    }
    const sorted = [...releases.values()].sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate));
    this.upcoming.set(today, sorted);
    return sorted;
  }

  /** The codes added to a code set in one release under `key` (a code that became a header: its new subcodes). */
  addedUnder(change: ChangeRecord): ChangeRecord[] {
    const added = this.addedByRelease.get(`${change.sourceId}\u0000${change.releaseKey}`) ?? [];
    return added.filter((other) => other.key.length > change.key.length && other.key.startsWith(change.key));
  }

  private hits(profile: InterestProfile, ranges: InterestProfile["ranges"], everything: boolean): Uint8Array {
    const hit = new Uint8Array(this.entries.length);
    const inScope = (index: number): boolean => {
      const entry = this.entries[index]!;
      // Documents are not in a code set: a code or keyword in them always counts.
      return entry.family === undefined || profile.inScope(entry.change.sourceId, entry.change.system);
    };
    if (everything) {
      for (const source of profile.sources)
        for (const index of this.bySource.get(source) ?? []) hit[index] = 1;
      if (profile.wholeSystems.size > 0) {
        this.entries.forEach((entry, index) => {
          if (entry.family !== undefined && profile.wholeSystems.has(entry.change.system) && inScope(index))
            hit[index] = 1;
        });
      }
    }
    for (const range of ranges) {
      const sorted = this.byFamily.get(range.family);
      if (!sorted) continue;
      // Codes whose first from.length characters fall in [from, to]: from `from` up to any code
      // starting with `to`.
      const upper = `${range.to}\uffff`;
      for (
        let i = lowerBound(sorted.codes, range.from);
        i < sorted.codes.length && sorted.codes[i]! < upper;
        i++
      ) {
        const owner = sorted.owners[i]!;
        if (!hit[owner] && codeInRange(sorted.codes[i]!, range) && inScope(owner)) hit[owner] = 1;
      }
    }
    if (everything) {
      for (const keyword of profile.keywords) {
        const first = keyword.match(/[a-z0-9]+/)?.[0];
        if (!first) continue;
        for (const index of this.byWord.get(first) ?? []) {
          if (!hit[index] && inScope(index) && containsPhrase(this.entries[index]!.text, keyword))
            hit[index] = 1;
        }
      }
    }
    return hit;
  }
}

/** A code-set release whose changes take effect after the digest's day. */
export interface UpcomingRelease {
  readonly sourceId: string;
  readonly system: string;
  readonly systemLabel: string;
  readonly version: string;
  readonly effectiveDate: string;
  readonly changes: number;
}

function codesOfCodeSet(change: ChangeRecord): string[] {
  const codes = [codeOfRef(change.codeRef) ?? change.key];
  const paired = codeOfRef(change.pairedCodeRef);
  if (paired) codes.push(paired);
  return codes.map(normalizeCode);
}

function codesOfDocument(change: ChangeRecord): string[] {
  const codes = new Set<string>();
  for (const values of [change.after, change.before]) {
    for (const field of CODE_FIELDS) {
      for (const code of values?.[field]?.split(/[^A-Za-z0-9.]+/) ?? []) {
        const normalized = normalizeCode(code);
        if (/^[A-Z0-9]{3,7}$/.test(normalized)) codes.add(normalized);
      }
    }
  }
  return [...codes];
}

function codeOfRef(ref: string | undefined): string | undefined {
  if (!ref) return undefined;
  const at = ref.indexOf("#");
  return at < 0 ? ref : ref.slice(at + 1);
}

function textOf(change: ChangeRecord): string {
  const parts = [change.title];
  for (const values of [change.after, change.before]) if (values) parts.push(...Object.values(values));
  return normalizeText(parts.join(" "));
}

/** Whole words: "stent" finds "coronary stent" but not "stenting"; phrases must be adjacent. */
function containsPhrase(text: string, phrase: string): boolean {
  let from = 0;
  for (;;) {
    const at = text.indexOf(phrase, from);
    if (at < 0) return false;
    const before = at === 0 ? "" : text[at - 1]!;
    const after = text[at + phrase.length] ?? "";
    if (!/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after)) return true;
    from = at + 1;
  }
}

function lowerBound(sorted: readonly string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
