import type { Context, SQSEvent } from "aws-lambda";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { captureLambdaOutput, lambdaContext } from "./lambda-support.js";

// The handler's only collaborator that does work: each message's digest. Everything else is the
// handler's own wiring (event parsing, partial batch response, logging with the Lambda context).
const sendDigest = vi.hoisted(() => vi.fn());
vi.mock("#shared/digest/send-digest.js", () => ({ sendDigest }));

const context = lambdaContext("request-7", "codecurrent-send-digest");

function message(messageId: string, body: string): SQSEvent["Records"][number] {
  return {
    messageId,
    receiptHandle: `handle-${messageId}`,
    body,
    attributes: {} as never,
    messageAttributes: {},
    md5OfBody: "",
    eventSource: "aws:sqs",
    eventSourceARN: "arn:aws:sqs:us-east-1:123456789012:digests",
    awsRegion: "us-east-1",
  };
}

let lines: Record<string, unknown>[] = [];
let handler: (
  event: SQSEvent,
  context: Context,
) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

beforeAll(async () => {
  vi.stubEnv("CODECURRENT_TOKEN_SECRET", "send-digest-test-secret-0123456789abcdef");
  lines = captureLambdaOutput();
});
// Each test gets a fresh container: a newly loaded handler (its first invocation the cold start), no log lines yet.
beforeEach(async () => {
  lines.length = 0;
  sendDigest.mockReset();
  vi.resetModules();
  ({ handler } = await import("../../../functions/send-digest.js"));
});
afterAll(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe("send-digest handler (SQS)", () => {
  it("reports only the failed and the unreadable messages for retry, and sends the others", async () => {
    sendDigest.mockImplementation(async (job: { subscriberId: string }) => {
      if (job.subscriberId === "sub_bad") throw new Error("SES throttled past every retry");
      return { status: "sent", changes: 3, period: "2026-W23" };
    });
    const at = "2026-06-01T12:05:00.000Z";
    const result = await handler(
      {
        Records: [
          message("m1", JSON.stringify({ subscriberId: "sub_1", at })),
          message("m2", JSON.stringify({ subscriberId: "sub_bad", at })),
          message("m3", "not json"),
          message("m4", JSON.stringify({ subscriberId: "sub_4", at })),
        ],
      },
      context,
    );
    // Records are processed side by side; which fail, not in what order, is the contract.
    expect(result.batchItemFailures.map((failure) => failure.itemIdentifier).sort()).toEqual(["m2", "m3"]);
    expect(sendDigest.mock.calls.map(([job]) => job.subscriberId).sort()).toEqual([
      "sub_1",
      "sub_4",
      "sub_bad",
    ]);
    // Every job gets dependencies with working tokens (the secret resolved for this invocation).
    const deps = sendDigest.mock.calls[0]![1] as {
      tokens: { sign(p: string, s: string, o: { generation: number }): string };
    };
    expect(deps.tokens.sign("unsubscribe", "sub_1", { generation: 1 })).toMatch(/^[\w-]+\.[\w-]+$/);
  });

  it("logs each outcome with the Lambda request id, and flags the first invocation as the cold start", async () => {
    sendDigest.mockImplementation(async (job: { subscriberId: string }) => {
      if (job.subscriberId === "sub_bad") throw new Error("SES throttled past every retry");
      return { status: "sent", changes: 3, period: "2026-W23" };
    });
    const cold = await handler(
      {
        Records: [
          message("m1", JSON.stringify({ subscriberId: "sub_1", at: "2026-06-01T12:05:00.000Z" })),
          message("m2", JSON.stringify({ subscriberId: "sub_bad", at: "2026-06-01T12:05:00.000Z" })),
          message("m4", JSON.stringify({ subscriberId: "sub_4", at: "2026-06-01T12:05:00.000Z" })),
        ],
      },
      context,
    );
    expect(cold.batchItemFailures).toEqual([{ itemIdentifier: "m2" }]);
    const failed = lines.find((line) => line.message === "digest failed" && line.messageId === "m2");
    expect(failed).toMatchObject({
      level: "ERROR",
      service: "digests",
      messageId: "m2",
      function_request_id: "request-7",
      function_name: "codecurrent-send-digest",
      cold_start: true,
    });
    expect(
      lines
        .filter((line) => line.message === "digest")
        .map((line) => line.messageId)
        .sort(),
    ).toEqual(["m1", "m4"]);

    const at = "2026-06-01T13:05:00.000Z";
    const warm = await handler(
      { Records: [message("m5", JSON.stringify({ subscriberId: "sub_5", at }))] },
      {
        ...context,
        awsRequestId: "request-8",
      },
    );
    expect(warm.batchItemFailures).toEqual([]);
    expect(lines.find((line) => line.messageId === "m5")).toMatchObject({
      function_request_id: "request-8",
      cold_start: false,
      status: "sent",
    });
  });

  it("fails the whole batch, for SQS to redeliver, when every message failed", async () => {
    sendDigest.mockRejectedValue(new Error("DynamoDB unavailable"));
    const at = "2026-06-01T14:05:00.000Z";
    await expect(
      handler({ Records: [message("m6", JSON.stringify({ subscriberId: "sub_6", at }))] }, context),
    ).rejects.toThrow(/All records failed/);
  });
});
