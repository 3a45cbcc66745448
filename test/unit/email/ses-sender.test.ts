import type { SESClient } from "@aws-sdk/client-ses";
import { describe, expect, it } from "vitest";
import { SendPacer } from "#shared/email/send-pacer.js";
import { SesSender } from "#shared/email/ses-sender.js";

const EMAIL = {
  from: "digest@example.org",
  to: "coder@example.org",
  subject: "s",
  text: "t",
  html: "<p>h</p>",
};

function sesAnswering(...answers: (Error | string)[]) {
  const calls: unknown[] = [];
  const client = {
    send: async (command: { input: unknown }) => {
      calls.push(command.input);
      const answer = answers.shift();
      if (answer instanceof Error) throw answer;
      return { MessageId: answer };
    },
  } as unknown as SESClient;
  return { client, calls };
}

const error = (name: string) => Object.assign(new Error(name), { name });

describe("sending through SES", () => {
  it("retries throttling with backoff until SES accepts, and sends raw MIME through the configuration set", async () => {
    const ses = sesAnswering(error("Throttling"), error("MaxSendingRateExceeded"), "message-1");
    const sender = new SesSender(ses.client, {
      maxSendRate: 1000,
      baseDelayMs: 1,
      configurationSet: "codecurrent",
    });
    expect(await sender.send(EMAIL)).toBe("message-1");
    expect(ses.calls).toHaveLength(3);
    const input = ses.calls[2] as { ConfigurationSetName: string; RawMessage: { Data: Uint8Array } };
    expect(input.ConfigurationSetName).toBe("codecurrent");
    expect(Buffer.from(input.RawMessage.Data).toString()).toMatch(/Content-Type: multipart\/alternative/);
  });

  it("gives up after its attempts, and never retries other errors", async () => {
    const throttled = sesAnswering(...Array.from({ length: 6 }, () => error("Throttling")));
    await expect(
      new SesSender(throttled.client, { maxSendRate: 1000, baseDelayMs: 1, maxAttempts: 3 }).send(EMAIL),
    ).rejects.toThrow("Throttling");
    expect(throttled.calls).toHaveLength(3);
    const rejected = sesAnswering(error("MessageRejected"), "never");
    await expect(new SesSender(rejected.client, { maxSendRate: 1000 }).send(EMAIL)).rejects.toThrow(
      "MessageRejected",
    );
    expect(rejected.calls).toHaveLength(1);
  });
});

describe("pacing", () => {
  it("spaces sends to the send rate", async () => {
    let now = 0;
    const waits: number[] = [];
    const pacer = new SendPacer(
      4,
      () => now,
      async (ms) => {
        waits.push(ms);
        now += ms;
      },
    );
    for (let i = 0; i < 5; i++) await pacer.slot();
    expect(waits).toEqual([250, 250, 250, 250]);
    expect(now).toBe(1000);
  });
});
