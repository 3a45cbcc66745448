import { type CodeRange, parseSubscriberRange } from "../specialties/code-range.js";
import { specialty } from "../specialties/specialty-catalog.js";
import type { Interests } from "../subscribers/subscriber.js";

/** A subscriber's interests resolved into what the matcher compares against. */
export interface InterestProfile {
  readonly ranges: readonly CodeRange[];
  /** Lower-cased, whitespace-collapsed words or phrases. */
  readonly keywords: readonly string[];
  readonly sources: ReadonlySet<string>;
  /** Empty = every system. */
  readonly codeSystems: ReadonlySet<string>;
}

/** Specialty ranges plus the subscriber's own ranges; an unparsable own range is skipped, not fatal. */
export function interestProfile(interests: Interests): InterestProfile {
  const ranges: CodeRange[] = interests.specialties.flatMap((id) => specialty(id).ranges);
  for (const text of interests.codeRanges) {
    try {
      ranges.push(...parseSubscriberRange(text));
    } catch {
      // Validated on the way in; a range stored by an older rule must not stop a digest.
    }
  }
  return {
    ranges,
    keywords: interests.keywords.map(normalizeText).filter((keyword) => keyword.length > 0),
    sources: new Set(interests.sources),
    codeSystems: new Set(interests.codeSystems),
  };
}

export function normalizeText(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ").trim();
}
