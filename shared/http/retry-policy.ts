import { setTimeout as delay } from "node:timers/promises";
import pRetry from "p-retry";

/** Waits `ms`; rejects with the signal's reason if it aborts first. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** The real wait, on a timer. */
export const sleep: Sleep = async (ms, signal) => {
  try {
    await delay(ms, undefined, signal ? { signal } : {});
  } catch (error) {
    // timers/promises wraps the reason in its own AbortError; callers expect the reason itself.
    throw signal?.aborted ? signal.reason : error;
  }
};

/**
 * How codecurrent retries publishers' servers: the one policy for every HTTP fetch (AWS calls are
 * retried by the SDK, configured in `aws/clients.ts`). p-retry counts the attempts and decides;
 * the waits are this policy's, slept through its `sleep`, so tests can see what it waited for
 * without waiting.
 */
export interface HttpRetryPolicy {
  /** Attempts after the first, for failures worth repeating only (5xx, 429, timeouts, network errors). */
  readonly retries: number;
  /**
   * Backoff before retry n: `minBackoffMs` × 2^(n−1), times a random 1–2 so parallel collectors do
   * not come back in step, at most `maxBackoffMs`.
   */
  readonly minBackoffMs: number;
  readonly maxBackoffMs: number;
  /**
   * A `Retry-After` up to this long is waited out instead of the backoff: the server said when. A
   * longer one fails the fetch as `rate-limited` at once, since a collector run must end within
   * Lambda's 15 minutes; the next scheduled run tries again.
   */
  readonly maxRetryAfterMs: number;
  readonly sleep: Sleep;
  /** Uniform in [0, 1), for the jitter. */
  readonly random: () => number;
}

export const HTTP_RETRY_POLICY: HttpRetryPolicy = Object.freeze({
  retries: 3,
  minBackoffMs: 1_000,
  maxBackoffMs: 30_000,
  maxRetryAfterMs: 120_000,
  sleep,
  random: Math.random,
});

/** The policy with a caller's adjustments (shorter limits in tests and local runs, an injected sleep). */
export function httpRetryPolicy(overrides: Partial<HttpRetryPolicy> = {}): HttpRetryPolicy {
  return { ...HTTP_RETRY_POLICY, ...overrides };
}

/** Milliseconds to wait before retry `retry` (1 for the first retry) when the server named no time. */
export function backoffMs(policy: HttpRetryPolicy, retry: number): number {
  const base = policy.minBackoffMs * 2 ** (retry - 1);
  return Math.min(policy.maxBackoffMs, Math.round(base * (1 + policy.random())));
}

/** What the retry loop needs to know of a failed attempt. */
export interface FailedAttempt {
  /** Whether the same request can answer differently (a 5xx, 429, timeout, network error). */
  readonly retryable: boolean;
  /** How long the server asked us to wait (`Retry-After`), if it said. */
  readonly retryAfterMs?: number;
}

/**
 * Runs `attempt` until it succeeds, a failure is not worth repeating (`judge` says not retryable, or
 * the server asks for a wait past `maxRetryAfterMs`), the retries run out, or `signal` aborts (which
 * rejects with the signal's reason, also in the middle of a wait).
 */
export function withHttpRetries<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  policy: HttpRetryPolicy,
  judge: (error: unknown) => FailedAttempt | undefined,
  signal?: AbortSignal,
): Promise<T> {
  const worthRetrying = (error: unknown): boolean => {
    const failure = judge(error);
    if (!failure?.retryable) return false;
    return failure.retryAfterMs === undefined || failure.retryAfterMs <= policy.maxRetryAfterMs;
  };
  return pRetry(attempt, {
    retries: policy.retries,
    // p-retry's own timer stays at zero: the wait is the policy's, in onFailedAttempt.
    minTimeout: 0,
    maxTimeout: 0,
    factor: 1,
    randomize: false,
    ...(signal === undefined ? {} : { signal }),
    shouldRetry: worthRetrying,
    onFailedAttempt: async (error) => {
      // p-retry calls this even when shouldRetry said no, and after the last attempt.
      if (!worthRetrying(error) || error.retriesLeft === 0) return;
      const wait = judge(error)?.retryAfterMs ?? backoffMs(policy, error.attemptNumber);
      await policy.sleep(wait, signal);
    },
  });
}
