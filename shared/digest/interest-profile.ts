import { type CodeRange, parseSubscriberRange } from "../specialties/code-range.js";
import { specialty } from "../specialties/specialty-catalog.js";
import { settingIncludes, type WorkSetting } from "../specialties/work-setting.js";
import type { Interests } from "../subscribers/subscriber.js";

/** A subscriber's interests resolved into what the matcher compares against. */
export interface InterestProfile {
  /** Specialty and own ranges, and the watchlist's. */
  readonly ranges: readonly CodeRange[];
  /** The watchlist alone: its hits open the digest. */
  readonly watchlist: readonly CodeRange[];
  /** Lower-cased, whitespace-collapsed words or phrases. */
  readonly keywords: readonly string[];
  /** Sources followed whole. */
  readonly sources: ReadonlySet<string>;
  /** Code systems followed whole (every change in them that is in scope). */
  readonly wholeSystems: ReadonlySet<string>;
  /** Whether a code-set change of this source and system is one the reader works with at all. */
  inScope(sourceId: string, system: string): boolean;
}

/**
 * Specialty ranges plus the subscriber's own ranges and watchlist; an unparsable own range is
 * skipped, not fatal. The work setting decides which code sets are in scope (no ICD-10-PCS for a
 * professional-fee coder); code systems chosen are followed whole, on top of it.
 *
 * Subscribers from before work settings keep the reading they signed up under: code systems chosen
 * narrow every match to them (none = every code set), and are followed whole only when nothing
 * narrower (range, keyword, watchlist) is given.
 */
export function interestProfile(interests: Interests): InterestProfile {
  const own = (texts: readonly string[]): CodeRange[] =>
    texts.flatMap((text) => {
      try {
        return parseSubscriberRange(text);
      } catch {
        // Validated on the way in; a range stored by an older rule must not stop a digest.
        return [];
      }
    });
  const watchlist = own(interests.watchlist ?? []);
  const ranges: CodeRange[] = [
    ...interests.specialties.flatMap((id) => specialty(id).ranges),
    ...own(interests.codeRanges),
    ...watchlist,
  ];
  const keywords = interests.keywords.map(normalizeText).filter((keyword) => keyword.length > 0);
  const systems = new Set(interests.codeSystems);
  const setting: WorkSetting | undefined = interests.workSetting;
  const narrower = ranges.length > 0 || keywords.length > 0;
  return {
    ranges,
    watchlist,
    keywords,
    sources: new Set(interests.sources),
    wholeSystems: setting !== undefined || !narrower ? systems : new Set(),
    inScope: (sourceId, system) =>
      setting !== undefined
        ? settingIncludes(setting, sourceId) || systems.has(system)
        : systems.size === 0 || systems.has(system),
  };
}

export function normalizeText(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ").trim();
}
