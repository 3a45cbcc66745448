/**
 * Why fetching a publisher's file failed. A collector branches on these: `not-found` means "try the
 * next candidate URL", everything else is recorded as the run's failure reason.
 */
export type SourceFetchFailure =
  /** 404 or 410: the publisher does not (or no longer) serve this file. */
  | "not-found"
  /** Any other unsuccessful status (5xx after retries, 4xx other than 404/410/429). */
  | "http-error"
  /** Connecting or reading the whole body took longer than the timeout. */
  | "timeout"
  /** The body is larger than the byte cap. */
  | "too-large"
  /** DNS, refused or reset connections, TLS failures. */
  | "network"
  /** 429 after retries, or a `Retry-After` longer than we are willing to wait. */
  | "rate-limited"
  /** A web-application firewall answered instead of the publisher (challenge page, 403 HTML, off-host redirect to HTML). */
  | "bot-check"
  /** A redirect led off the publishers' hosts; refused before it was requested. */
  | "unexpected-redirect"
  /** A redirect from https to http; refused before it was requested. */
  | "insecure-redirect"
  /** More redirects than the hop limit. */
  | "too-many-redirects"
  /** The body is not what the caller expected (e.g. an HTML page where a zip was expected). */
  | "unexpected-content";

export interface SourceFetchErrorDetails {
  readonly reason: SourceFetchFailure;
  /** The URL requested (before redirects). */
  readonly url: string;
  /** The URL that answered, when a redirect was followed. */
  readonly finalUrl?: string;
  readonly status?: number;
  /** For `rate-limited`: how long the publisher asked us to wait. */
  readonly retryAfterMs?: number;
  /** How many requests were made before giving up (set when there was more than one). */
  readonly attempts?: number;
  readonly cause?: unknown;
}

export class SourceFetchError extends Error {
  override readonly name = "SourceFetchError";
  readonly reason: SourceFetchFailure;
  readonly url: string;
  readonly finalUrl?: string;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly attempts?: number;

  constructor(message: string, details: SourceFetchErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.reason = details.reason;
    this.url = details.url;
    if (details.finalUrl !== undefined) this.finalUrl = details.finalUrl;
    if (details.status !== undefined) this.status = details.status;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
    if (details.attempts !== undefined) this.attempts = details.attempts;
  }

  /** Transient failures are worth another attempt; a 4xx (other than 429) will answer the same way again. */
  get retryable(): boolean {
    return (
      this.reason === "timeout" ||
      this.reason === "network" ||
      this.reason === "rate-limited" ||
      (this.reason === "http-error" && this.status !== undefined && this.status >= 500)
    );
  }
}
