import { describe, expect, it } from "vitest";
import {
  backoffMs,
  HTTP_RETRY_POLICY,
  httpRetryPolicy,
  sleep,
  withHttpRetries,
} from "#shared/http/retry-policy.js";

describe("the HTTP retry policy", () => {
  it("doubles the backoff per retry from minBackoffMs, up to maxBackoffMs", () => {
    const policy = httpRetryPolicy({ random: () => 0 });
    expect([1, 2, 3, 4, 5, 6].map((retry) => backoffMs(policy, retry))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000,
    ]);
  });

  it("spreads each backoff over up to twice its base, so parallel collectors do not retry in step", () => {
    expect(backoffMs(httpRetryPolicy({ random: () => 0.5 }), 2)).toBe(3_000);
    expect(backoffMs(httpRetryPolicy({ random: () => 0.999 }), 2)).toBe(3_998);
    expect(backoffMs(httpRetryPolicy({ random: () => 0.999 }), 6)).toBe(HTTP_RETRY_POLICY.maxBackoffMs);
  });

  it("retries only what its judge calls retryable, and no more often than `retries`", async () => {
    const waits: number[] = [];
    const policy = httpRetryPolicy({ retries: 2, random: () => 0, sleep: async (ms) => void waits.push(ms) });
    let calls = 0;
    const transient = Object.assign(new Error("503"), { retryable: true });

    await expect(
      withHttpRetries(
        async () => {
          calls += 1;
          throw transient;
        },
        policy,
        (error) => (error === transient ? transient : undefined),
      ),
    ).rejects.toBe(transient);
    expect(calls).toBe(3);
    expect(waits).toEqual([1_000, 2_000]);

    const permanent = new Error("400");
    calls = 0;
    await expect(
      withHttpRetries(
        async () => {
          calls += 1;
          throw permanent;
        },
        policy,
        () => ({ retryable: false }),
      ),
    ).rejects.toBe(permanent);
    expect(calls).toBe(1);
  });

  it("sleeps for real, and gives up the wait with the signal's reason when it aborts", async () => {
    await expect(sleep(1)).resolves.toBeUndefined();
    const controller = new AbortController();
    const waiting = sleep(3_600_000, controller.signal);
    controller.abort(new Error("lambda out of time"));
    await expect(waiting).rejects.toThrow("lambda out of time");
  });
});
