/** Why a zip could not be read. Each is a failed run with a reason, never partial data. */
export type ZipFailure =
  /** Starts like a zip but its end is missing: an interrupted download. */
  | "truncated"
  /** Not a zip at all (typically an HTML page served in its place). */
  | "not-a-zip"
  | "too-many-entries"
  /** More inflated bytes than the limit allows. */
  | "too-large"
  /** An entry inflates far beyond what real data compresses to: a zip bomb. */
  | "suspicious-ratio"
  | "entry-not-found"
  /** Structurally broken, a CRC or size mismatch, or a feature we do not read (encryption, other methods). */
  | "corrupt";

export class ZipError extends Error {
  override readonly name = "ZipError";
  readonly reason: ZipFailure;
  /** The entry being read, when the failure is about one entry. */
  readonly entry?: string;

  constructor(reason: ZipFailure, message: string, options: { entry?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.reason = reason;
    if (options.entry !== undefined) this.entry = options.entry;
  }
}
