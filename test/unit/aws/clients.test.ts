import { afterEach, describe, expect, it, vi } from "vitest";
import { AWS_RETRY, type AwsClients, createAwsClients } from "#shared/aws/clients.js";
import { readEnvironment } from "#shared/config/environment.js";
import { SesSender } from "#shared/email/ses-sender.js";

const EMAIL = {
  from: "digest@example.org",
  to: "coder@example.org",
  subject: "s",
  text: "t",
  html: "<p>h</p>",
};

// An endpoint nothing listens on: the middleware below answers before any request leaves.
const env = readEnvironment({ AWS_REGION: "us-east-1", CODECURRENT_SES_ENDPOINT: "http://127.0.0.1:9" });
const throttling = () => Object.assign(new Error("Maximum sending rate exceeded."), { name: "Throttling" });

/**
 * Answers the SES client's requests inside the SDK's retry loop (the deserialize step runs once per
 * attempt): throttled `throttled` times, then accepted. Counts the attempts.
 */
function sesAnswering(clients: AwsClients, throttled: number) {
  const seen = { attempts: 0 };
  clients.ses.middlewareStack.add(
    () => async () => {
      seen.attempts += 1;
      if (seen.attempts <= throttled) throw throttling();
      // SES's own answer to SendRawEmail, for the SDK's deserializer to read.
      const body = `<SendRawEmailResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><SendRawEmailResult><MessageId>message-${seen.attempts}</MessageId></SendRawEmailResult></SendRawEmailResponse>`;
      return {
        response: { statusCode: 200, headers: { "content-type": "text/xml" }, body: Buffer.from(body) },
      };
    },
    { step: "deserialize", name: "answerInsideRetries" },
  );
  return seen;
}

/** The SDK waits its backoff on timers: run them, so the test asserts its retries without the waits. */
async function settled<T>(work: Promise<T>): Promise<T> {
  const outcome = work.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  // A minute of SDK time covers four backoffs of at most 1, 2, 4 and 8 s.
  await vi.advanceTimersByTimeAsync(60_000);
  const result = await outcome;
  if ("error" in result) throw result.error;
  return result.value;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("AWS clients", () => {
  it("all carry the one retry policy, the SDK's own, set in the factory", async () => {
    const clients = createAwsClients(env);
    for (const client of [clients.dynamoRaw, clients.s3, clients.ses, clients.sqs, clients.ssm]) {
      expect(await client.config.maxAttempts()).toBe(AWS_RETRY.maxAttempts);
      expect(await client.config.retryStrategy()).toMatchObject({ mode: AWS_RETRY.retryMode });
    }
    clients.destroy();
  });

  it("SES throttling is retried by the SDK alone: SesSender sends once, the client retries", async () => {
    vi.useFakeTimers();
    const clients = createAwsClients(env);
    const ses = sesAnswering(clients, 2);

    const messageId = await settled(new SesSender(clients.ses, { maxSendRate: 1000 }).send(EMAIL));

    expect(messageId).toBe("message-3");
    expect(ses.attempts).toBe(3);
    clients.destroy();
  });

  it("persistent throttling fails after the policy's attempts, not attempts multiplied by attempts", async () => {
    vi.useFakeTimers();
    const clients = createAwsClients(env);
    const ses = sesAnswering(clients, Number.POSITIVE_INFINITY);

    await expect(settled(new SesSender(clients.ses, { maxSendRate: 1000 }).send(EMAIL))).rejects.toThrow(
      "Maximum sending rate exceeded.",
    );

    expect(ses.attempts).toBe(AWS_RETRY.maxAttempts);
    clients.destroy();
  });
});
