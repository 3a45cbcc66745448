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
}

/**
 * SES SendRawEmail (the MIME carries the List-Unsubscribe headers SendEmail cannot set), paced to
 * the account's send rate so a digest run does not outrun it. Throttling that happens anyway (other
 * senders on the same account, a quota read before it was lowered) is the SES client's to retry:
 * the SDK's retry policy, set once in `aws/clients.ts`, whose adaptive mode also slows the client
 * down. Retrying here as well would multiply the attempts; every error reaching this class is final
 * for this send, and the caller decides (a digest's delivery claim is given back for the queue).
 */
export class SesSender implements EmailSender {
  private pacer: Promise<SendPacer> | undefined;

  constructor(
    private readonly ses: SESClient,
    private readonly options: SesSenderOptions = {},
  ) {}

  async send(email: OutgoingEmail): Promise<string> {
    const raw = await composeMime(email, email.from.split("@")[1]);
    await (await this.pace()).slot();
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
