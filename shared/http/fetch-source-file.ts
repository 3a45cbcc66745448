import { readCappedBody } from "./capped-body.js";
import { contentMismatch, type ExpectedContent, isBotCheckRefusal } from "./expected-content.js";
import { checkRedirect, type RedirectPolicy } from "./redirect-policy.js";
import { retryAfterMs } from "./retry-after.js";
import { type HttpRetryPolicy, httpRetryPolicy, withHttpRetries } from "./retry-policy.js";
import { SourceFetchError, type SourceFetchErrorDetails } from "./source-fetch-error.js";
import { USER_AGENT } from "./user-agent.js";

/** One publisher file to fetch, with the validators from the last time it was fetched. */
export interface SourceFileRequest {
  readonly url: string;
  /** `ETag` of the copy we hold: sent as `If-None-Match`. */
  readonly etag?: string;
  /** `Last-Modified` of the copy we hold: sent as `If-Modified-Since`. */
  readonly lastModified?: string;
  /** Checked against the body (magic bytes, content type) so a landing page never reaches a parser. */
  readonly expect?: ExpectedContent;
}

export interface FetchSourceFileOptions {
  /** Per attempt, from sending the request to the body's last byte. */
  readonly timeoutMs?: number;
  /** Largest body accepted, counted while streaming (after content decoding). */
  readonly maxBytes?: number;
  /** Adjustments to `HTTP_RETRY_POLICY` (retries, backoff, longest `Retry-After` waited out, the sleep). */
  readonly retry?: Partial<HttpRetryPolicy>;
  /** The clock: fetch times, and the wait an HTTP-date `Retry-After` asks for. */
  readonly now?: () => Date;
  /**
   * Which redirects are followed. Each hop is checked before it is requested (never followed blindly):
   * to the same host (`www.` aside) or a host in `allowedHosts` (default `PUBLISHER_HOSTS`), never
   * from https to http, at most `maxHops` of them.
   */
  readonly redirects?: RedirectPolicy;
  /** Replaces the global fetch (undici), e.g. to pass a dispatcher or to test without a network. */
  readonly fetchImpl?: typeof fetch;
  /** Cancels the fetch and any pending retry, e.g. when the Lambda is about to run out of time. */
  readonly signal?: AbortSignal;
}

export type SourceFileFetch =
  | { readonly status: "not-modified"; readonly url: string }
  | {
      readonly status: "fetched";
      readonly bytes: Buffer;
      /** The URL that answered, after redirects. */
      readonly url: string;
      readonly etag?: string;
      readonly lastModified?: string;
      readonly contentType?: string;
      /** ISO 8601 time the response arrived. */
      readonly fetchedAt: string;
    };

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;

/** Statuses whose Location is a hop to check and follow (304 is an answer, not a hop). */
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

const ACCEPT: Record<ExpectedContent | "any", string> = {
  zip: "application/zip, application/octet-stream;q=0.9, */*;q=0.1",
  text: "text/plain, */*;q=0.1",
  json: "application/json, */*;q=0.1",
  html: "text/html, application/xhtml+xml;q=0.9, */*;q=0.1",
  any: "*/*",
};

/**
 * Fetches one publisher file: conditional GET, a timeout and byte cap per attempt, retries with
 * backoff on transient failures only, and a typed `SourceFetchError` for everything else.
 */
export async function fetchSourceFile(
  request: SourceFileRequest,
  options: FetchSourceFileOptions = {},
): Promise<SourceFileFetch> {
  let attempts = 0;
  let lastFailure: SourceFetchError | undefined;
  try {
    return await withHttpRetries(
      async () => {
        attempts += 1;
        try {
          return await attempt(request, options);
        } catch (error) {
          if (error instanceof SourceFetchError) lastFailure = error;
          throw error;
        }
      },
      httpRetryPolicy(options.retry),
      (error) => (error instanceof SourceFetchError ? error : undefined),
      options.signal,
    );
  } catch (error) {
    // p-retry rethrows the most frequent error; the last one is the one that describes the outcome.
    if (!(error instanceof SourceFetchError) || lastFailure === undefined) throw error;
    if (attempts <= 1) throw lastFailure;
    throw new SourceFetchError(`${lastFailure.message} (after ${attempts} attempts)`, {
      ...failureDetails(lastFailure),
      attempts,
    });
  }
}

async function attempt(
  request: SourceFileRequest,
  options: FetchSourceFileOptions,
): Promise<SourceFileFetch> {
  const { url } = request;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  const signal =
    options.signal === undefined ? timeout.signal : AbortSignal.any([timeout.signal, options.signal]);
  const fail = (
    reason: SourceFetchErrorDetails["reason"],
    message: string,
    extra: Partial<SourceFetchErrorDetails> = {},
  ) => new SourceFetchError(message, { reason, url, ...extra });
  try {
    // Redirects are followed by hand so that every hop is checked before it is requested: an
    // automatic follow would already have sent the request (and the validators) wherever it led.
    let finalUrl = url;
    let response: Response;
    for (let hop = 0; ; hop++) {
      response = await (options.fetchImpl ?? fetch)(finalUrl, {
        headers: requestHeaders(request),
        redirect: "manual",
        signal,
      });
      if (!REDIRECT_STATUSES.has(response.status)) break;
      await response.body?.cancel();
      const location = response.headers.get("location");
      if (!location) throw fail("http-error", `${finalUrl} answered ${response.status} without a Location`);
      const next = new URL(location, finalUrl).toString();
      const refusal = checkRedirect(url, finalUrl, next, hop + 1, options.redirects);
      if (refusal) throw fail(refusal.reason, refusal.message, { status: response.status, finalUrl: next });
      finalUrl = next;
    }
    const arrived = (options.now ?? (() => new Date()))();
    const fetchedAt = arrived.toISOString();
    const status = response.status;
    const contentType = response.headers.get("content-type") ?? undefined;
    const offHost = hostOf(finalUrl) !== hostOf(url);
    const where = finalUrl === url ? url : `${url} (redirected to ${finalUrl})`;
    const at = { status, ...(finalUrl === url ? {} : { finalUrl }) };

    if (status === 304) {
      await response.body?.cancel();
      return { status: "not-modified", url: finalUrl };
    }
    if (status === 404 || status === 410) {
      await response.body?.cancel();
      throw fail("not-found", `${where} answered ${status}`, at);
    }
    if (status === 429 || status >= 500) {
      await response.body?.cancel();
      const wait = retryAfterMs(response.headers.get("retry-after"), arrived);
      throw fail(status === 429 ? "rate-limited" : "http-error", `${where} answered ${status}`, {
        ...at,
        ...(wait === undefined ? {} : { retryAfterMs: wait }),
      });
    }
    if (status < 200 || status >= 300) {
      // A short look at the body tells a firewall's refusal from a plain permission error.
      const peek = (await readCappedBody(response.body, 65_536)) ?? Buffer.alloc(0);
      const refused = isBotCheckRefusal({
        bytes: peek,
        offHost,
        status,
        ...(contentType ? { contentType } : {}),
      });
      // An API's own words (the Federal Register's {"errors": …}) say what to fix; an HTML page does not.
      const said = refused || /html/i.test(contentType ?? "") ? "" : excerpt(peek);
      throw fail(
        refused ? "bot-check" : "http-error",
        `${where} answered ${status}${refused ? " with what looks like a bot-check page" : ""}${said ? `: ${said}` : ""}`,
        at,
      );
    }

    const declaredLength = Number(response.headers.get("content-length") ?? Number.NaN);
    if (declaredLength > maxBytes) {
      await response.body?.cancel();
      throw fail("too-large", `${where} is ${declaredLength} bytes, over the ${maxBytes}-byte cap`, at);
    }
    const bytes = await readCappedBody(response.body, maxBytes);
    if (bytes === undefined) {
      throw fail("too-large", `${where} sent more than the ${maxBytes}-byte cap`, at);
    }
    if (request.expect !== undefined) {
      const mismatch = contentMismatch(request.expect, {
        bytes,
        offHost,
        status,
        ...(contentType ? { contentType } : {}),
      });
      if (mismatch !== undefined) {
        throw fail(
          mismatch,
          `${where} is not ${request.expect} content (${contentType ?? "no content type"}${
            mismatch === "bot-check" ? ", looks like a bot-check page" : ""
          })`,
          at,
        );
      }
    }
    const etag = response.headers.get("etag") ?? undefined;
    const lastModified = response.headers.get("last-modified") ?? undefined;
    return {
      status: "fetched",
      bytes,
      url: finalUrl,
      fetchedAt,
      ...(etag ? { etag } : {}),
      ...(lastModified ? { lastModified } : {}),
      ...(contentType ? { contentType } : {}),
    };
  } catch (error) {
    if (error instanceof SourceFetchError) throw error;
    if (timeout.signal.aborted) {
      throw fail("timeout", `${url} did not complete within ${timeoutMs} ms`, { cause: error });
    }
    // The caller's own signal: not a failure of the publisher, so not wrapped and never retried.
    if (options.signal?.aborted) throw options.signal.reason;
    throw fail("network", `${url} could not be fetched: ${describe(error)}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

function requestHeaders(request: SourceFileRequest): Record<string, string> {
  return {
    "user-agent": USER_AGENT,
    accept: ACCEPT[request.expect ?? "any"],
    ...(request.etag ? { "if-none-match": request.etag } : {}),
    ...(request.lastModified ? { "if-modified-since": request.lastModified } : {}),
  };
}

function hostOf(url: string): string {
  return new URL(url).host.toLowerCase().replace(/^www\./, "");
}

function failureDetails(error: SourceFetchError): SourceFetchErrorDetails {
  return {
    reason: error.reason,
    url: error.url,
    ...(error.finalUrl === undefined ? {} : { finalUrl: error.finalUrl }),
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    ...(error.cause === undefined ? {} : { cause: error.cause }),
  };
}

/** undici hides the reason (ECONNREFUSED, ENOTFOUND…) in `cause`, and that is the useful part. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause?.code ?? cause?.message ?? error.message;
}

/** The start of an error body on one line, for a run's failure reason. */
function excerpt(body: Buffer): string {
  const text = body.subarray(0, 600).toString("utf8").replace(/\s+/g, " ").trim();
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}
