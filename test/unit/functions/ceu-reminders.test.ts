import type { Context } from "aws-lambda";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ReminderRun } from "#shared/reminders/send-ceu-reminders.js";
import { captureLambdaOutput, lambdaContext } from "./lambda-support.js";

const sendCeuReminders = vi.hoisted(() => vi.fn());
vi.mock("#shared/reminders/send-ceu-reminders.js", () => ({ sendCeuReminders }));

let handler: (event: unknown, context: Context) => Promise<ReminderRun>;

beforeAll(async () => {
  vi.stubEnv("CODECURRENT_TOKEN_SECRET", "ceu-reminders-test-secret-0123456789abcdef");
  captureLambdaOutput();
});
// Each test gets a fresh container: a newly loaded handler, no log lines yet.
beforeEach(async () => {
  sendCeuReminders.mockReset();
  vi.resetModules();
  ({ handler } = await import("../../../functions/ceu-reminders.js"));
});
afterAll(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe("ceu-reminders handler (daily schedule)", () => {
  it("runs the reminder pass with signing tokens, the CEU log and the deliveries store, and answers its counts", async () => {
    sendCeuReminders.mockResolvedValueOnce({ sent: 3, failed: 0 });
    expect(await handler({}, lambdaContext("request-1"))).toEqual({ sent: 3, failed: 0 });
    const deps = sendCeuReminders.mock.calls[0]![0] as {
      tokens: { verify(token: string, purpose: string): { subscriberId: string } };
      deliveries: { claim: unknown };
    };
    expect(typeof deps.deliveries.claim).toBe("function");
    expect(typeof (deps as unknown as { ceuLog: { since: unknown } }).ceuLog.since).toBe("function");
    const token = (
      deps.tokens as unknown as { sign(p: string, s: string, o: { generation: number }): string }
    ).sign("ceu", "sub_1", { generation: 1 });
    expect(deps.tokens.verify(token, "ceu").subscriberId).toBe("sub_1");
  });

  it("fails the invocation when a reminder failed, so the schedule retries (sent ones are claimed and not sent again)", async () => {
    sendCeuReminders.mockResolvedValueOnce({ sent: 2, failed: 1 });
    await expect(handler({}, lambdaContext("request-2"))).rejects.toThrow("1 CEU reminder(s) failed; 2 sent");
  });
});
