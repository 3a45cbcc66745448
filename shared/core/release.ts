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
  /**
   * Further entries of the zip taken out beside the data entry when it has them, in this order:
   * the ICD-10 addenda (the publisher's own count of the changes), the same HCPCS data in another
   * format (read when the preferred one does not parse). Their payloads follow the data entry's.
   */
  readonly companions?: readonly RegExp[];
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
