import type { Context, SNSEvent } from "aws-lambda";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { captureLambdaOutput, lambdaContext } from "./lambda-support.js";

const suppressRecipients = vi.hoisted(() => vi.fn());
vi.mock("#shared/suppression/suppress-recipients.js", () => ({ suppressRecipients }));

let lines: Record<string, unknown>[] = [];
let handler: (event: SNSEvent, context: Context) => Promise<{ suppressed: number }>;

beforeAll(async () => {
  lines = captureLambdaOutput();
});
// Each test gets a fresh container: a newly loaded handler, no log lines yet.
beforeEach(async () => {
  lines.length = 0;
  suppressRecipients.mockReset();
  vi.resetModules();
  ({ handler } = await import("../../../functions/ses-events.js"));
});
afterAll(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const record = (message: string) => ({ Sns: { Message: message } }) as SNSEvent["Records"][number];

describe("ses-events handler (SNS)", () => {
  it("hands each SES notification to suppression and logs a count, never an address", async () => {
    suppressRecipients.mockResolvedValueOnce(1);
    const bounce = JSON.stringify({
      eventType: "Bounce",
      bounce: { bounceType: "Permanent", bouncedRecipients: [{ emailAddress: "gone@example.org" }] },
    });
    const delivery = JSON.stringify({ eventType: "Delivery" });
    const result = await handler(
      { Records: [record(bounce), record(delivery)] },
      lambdaContext("request-9", "codecurrent-ses-events"),
    );
    expect(result).toEqual({ suppressed: 1 });
    expect(suppressRecipients.mock.calls[0]![0]).toEqual([bounce, delivery]);
    const line = lines.find((entry) => entry.message === "ses events");
    expect(line).toMatchObject({ records: 2, suppressed: 1, function_request_id: "request-9" });
    expect(JSON.stringify(lines)).not.toContain("gone@example.org");
  });
});
