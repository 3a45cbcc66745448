import type { Context } from "aws-lambda";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { RunRecord } from "#shared/runs/run-record.js";
import { captureLambdaOutput, lambdaContext } from "./lambda-support.js";

// The run itself is the pipeline's (tested on its own); the handler parses the event, runs the
// named source, and reports the run as metrics and a log line.
const collectSource = vi.hoisted(() => vi.fn());
vi.mock("#shared/collect/collect-source.js", () => ({ collectSource }));

let lines: Record<string, unknown>[] = [];
let handler: (event: unknown, context: Context) => Promise<RunRecord>;

beforeAll(() => {
  lines = captureLambdaOutput();
});
// Each test gets a fresh container: a newly loaded handler (its first invocation the cold start), no log lines yet.
beforeEach(async () => {
  lines.length = 0;
  collectSource.mockReset();
  vi.resetModules();
  ({ handler } = await import("../../../functions/collect.js"));
});
afterAll(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const failedRun = {
  sourceId: "icd10cm",
  runId: "run-1",
  status: "failed",
  reason: "sanity gate: 0 records parsed",
  records: 0,
  durationMs: 1200,
} as unknown as RunRecord;

describe("collect handler (EventBridge Scheduler)", () => {
  it("collects the source the schedule names and answers its run record, failed runs included", async () => {
    collectSource.mockResolvedValueOnce(failedRun);
    const run = await handler({ sourceId: "icd10cm" }, lambdaContext("request-1", "codecurrent-collect"));
    expect(run).toBe(failedRun);
    expect(collectSource).toHaveBeenCalledTimes(1);
    expect(collectSource.mock.calls[0]![0]).toMatchObject({ id: "icd10cm" });
  });

  it("gives the run a deadline from the function's remaining time, with a signal that aborts its requests", async () => {
    collectSource.mockResolvedValueOnce(failedRun);
    await handler({ sourceId: "icd10cm" }, lambdaContext("request-1", "codecurrent-collect"));
    const { deadline } = collectSource.mock.calls[0]![2] as {
      deadline: { check(step: string): void; signal: AbortSignal };
    };
    // 300 s left (the test context), 20 s kept back: not due yet.
    expect(() => deadline.check("obtaining the release")).not.toThrow();
    expect(deadline.signal.aborted).toBe(false);
  });

  it("reports the run: an error line with the Lambda request id, and the per-source metrics", async () => {
    collectSource.mockResolvedValueOnce(failedRun);
    await handler({ sourceId: "icd10cm" }, lambdaContext("request-1", "codecurrent-collect"));
    expect(lines.find((line) => line.message === "collection run finished")).toMatchObject({
      level: "ERROR",
      service: "collect",
      sourceId: "icd10cm",
      status: "failed",
      reason: "sanity gate: 0 records parsed",
      function_request_id: "request-1",
      cold_start: true,
    });
    const metrics = lines.find((line) => "_aws" in line && line.sourceId === "icd10cm");
    expect(metrics).toMatchObject({ FailedRuns: 1, SuccessfulRuns: 0 });
  });

  it("refuses an event without a source, or with one the catalog does not know, before doing anything", async () => {
    await expect(handler({}, lambdaContext("request-2"))).rejects.toThrow();
    await expect(handler({ sourceId: "no-such-source" }, lambdaContext("request-3"))).rejects.toThrow(
      /no-such-source/,
    );
    expect(collectSource).not.toHaveBeenCalled();
  });
});
