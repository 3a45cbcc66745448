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
  it("sends raw MIME through the configuration set, and answers SES's message id", async () => {
    const ses = sesAnswering("message-1");
    const sender = new SesSender(ses.client, { maxSendRate: 1000, configurationSet: "codecurrent" });
    expect(await sender.send(EMAIL)).toBe("message-1");
    expect(ses.calls).toHaveLength(1);
    const input = ses.calls[0] as { ConfigurationSetName: string; RawMessage: { Data: Uint8Array } };
    expect(input.ConfigurationSetName).toBe("codecurrent");
    expect(Buffer.from(input.RawMessage.Data).toString()).toMatch(/Content-Type: multipart\/alternative/);
  });

  it("makes one request per email and passes any error on: retrying is the SES client's job", async () => {
    // The SDK's retries (test/unit/aws/clients.test.ts) have already been spent when an error gets here.
    for (const name of ["Throttling", "MessageRejected"]) {
      const ses = sesAnswering(error(name), "never");
      await expect(new SesSender(ses.client, { maxSendRate: 1000 }).send(EMAIL)).rejects.toThrow(name);
      expect(ses.calls).toHaveLength(1);
    }
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
