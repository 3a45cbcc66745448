import { GetSendQuotaCommand, type SESClient, SendRawEmailCommand } from "@aws-sdk/client-ses";
import { composeMime } from "./mime-message.js";
import type { OutgoingEmail } from "./outgoing-email.js";
import { SendPacer } from "./send-pacer.js";

export interface EmailSender {
  /** Sends one email; resolves to the provider's message id. */
  send(email: OutgoingEmail): Promise<string>;
}

export interface SesSenderOptions {
  readonly configurationSet?: string;
  /** Emails per second; unset = read from the account's send quota. */
  readonly maxSendRate?: number;
  readonly maxAttempts?: number;
  readonly baseDelayMs?: number;
}

const THROTTLED = new Set([
  "Throttling",
  "ThrottlingException",
  "MaxSendingRateExceeded",
  "TooManyRequestsException",
]);

/**
 * SES SendRawEmail (the MIME carries the List-Unsubscribe headers SendEmail cannot set), paced to
 * the account's send rate and retried with jittered exponential backoff on throttling, which SES
 * answers when a burst outruns the rate. Other errors are not retried here: the caller decides.
 */
export class SesSender implements EmailSender {
  private pacer: Promise<SendPacer> | undefined;

  constructor(
    private readonly ses: SESClient,
    private readonly options: SesSenderOptions = {},
  ) {}

  async send(email: OutgoingEmail): Promise<string> {
    const raw = await composeMime(email, email.from.split("@")[1]);
    const maxAttempts = this.options.maxAttempts ?? 6;
    for (let attempt = 1; ; attempt++) {
      await (await this.pace()).slot();
      try {
        const result = await this.ses.send(
          new SendRawEmailCommand({
            RawMessage: { Data: raw },
            Source: email.from,
            Destinations: [email.to],
            ...(this.options.configurationSet ? { ConfigurationSetName: this.options.configurationSet } : {}),
            ...(email.tags
              ? {
                  Tags: Object.entries(email.tags).map(([Name, Value]) => ({
                    Name,
                    Value: sesTagValue(Value),
                  })),
                }
              : {}),
          }),
        );
        return result.MessageId ?? "";
      } catch (error) {
        const name = (error as { name?: string }).name ?? "";
        if (!THROTTLED.has(name) || attempt >= maxAttempts) throw error;
        const base = (this.options.baseDelayMs ?? 200) * 2 ** (attempt - 1);
        await new Promise((resolve) => setTimeout(resolve, base * (0.5 + Math.random() / 2)));
      }
    }
  }

  private pace(): Promise<SendPacer> {
    this.pacer ??= (async () => {
      if (this.options.maxSendRate) return new SendPacer(this.options.maxSendRate);
      try {
        const quota = await this.ses.send(new GetSendQuotaCommand({}));
        return new SendPacer(Math.max(1, quota.MaxSendRate ?? 1));
      } catch {
        // An emulator or a role without GetSendQuota: SES's sandbox rate is the safe floor.
        return new SendPacer(1);
      }
    })();
    return this.pacer;
  }
}

// SES tag values allow only ASCII letters, digits, underscore, dash and dot.
function sesTagValue(value: string): string {
  return value.replace(/[^A-Za-z0-9_.-]/g, "_").slice(0, 256);
}
