import type { CodeSystemRules } from "../codesets/code-system.js";
import type { CodeSetSnapshot } from "../codesets/snapshot.js";

/** How often a source is looked at, and how long it may stay without a new release before someone should look. */
export interface SourceCadence {
  /** EventBridge Scheduler expression, e.g. `rate(1 day)` or `cron(15 11 * * ? *)` (UTC). */
  readonly schedule: string;
  /** A source with no successful run for this many hours is silent (alarm). */
  readonly silentAfterHours: number;
}

/** One file of a release: where it is published and, for a zip, which entry holds the data. */
export interface ReleaseFile {
  readonly url: string;
  /** Other names the publisher has used for the same file; tried in order after `url` 404s. */
  readonly alternateUrls?: readonly string[];
  /**
   * For zipped releases: which archive entry holds the data, as patterns matched against entry
   * paths in order of preference (the first pattern that matches an entry wins).
   */
  readonly entry?: readonly RegExp[];
}

/** A release that may exist: collection takes the newest candidate the publisher actually serves. */
export interface ReleaseCandidate {
  /** Label as the publisher names it, e.g. `FY2019`, `FY2026-April`, `2026-Q4`. */
  readonly version: string;
  /** ISO date the release takes effect (sorts releases). */
  readonly effectiveDate: string;
  readonly files: readonly ReleaseFile[];
}

/** Bytes of one release file as fetched (already taken out of its zip). */
export interface ReleasePayload {
  /** File name (zip entry path, or the URL's last segment). */
  readonly name: string;
  readonly bytes: Buffer;
}

/** A public code set (ICD-10-CM, ICD-10-PCS, HCPCS…): each release parses to a keyed snapshot. */
export interface CodeSetSource {
  readonly id: string;
  readonly kind: "codeset";
  readonly title: string;
  /** Code system of the snapshot (`rules.system`, e.g. `icd10cm`) and how its records are read. */
  readonly rules: CodeSystemRules;
  readonly cadence: SourceCadence;
  /** Deletion share above which a run fails the sanity gate (default 0.2). */
  readonly maxDeletionShare?: number;
  /** Releases that may be published around `now`, newest first. */
  candidates(now: Date): ReleaseCandidate[];
  /** Pure: payloads of one release → snapshot. Throws `ParseError` on a layout it does not recognise. */
  parse(payloads: readonly ReleasePayload[], release: ReleaseCandidate): CodeSetSnapshot;
}

export type Source = CodeSetSource;
