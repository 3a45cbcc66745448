import { z } from "zod";

/**
 * One mail as the local SES emulator stored it. The emulator rebuilds each message from parsed
 * fields, so custom headers (List-Unsubscribe…) are not here: assert those on the MIME message
 * the project builds, and delivery here.
 */
export interface LocalInboxEmail {
  readonly messageId: string;
  readonly from: string;
  readonly replyTo: readonly string[];
  readonly destination: {
    readonly to: readonly string[];
    readonly cc: readonly string[];
    readonly bcc: readonly string[];
  };
  readonly subject: string;
  readonly body: { readonly html?: string; readonly text?: string };
  readonly attachments: readonly {
    readonly contentType: string;
    readonly filename?: string;
    readonly size: number;
  }[];
  /** Epoch seconds at which the emulator accepted it. */
  readonly at: number;
}

const emailSchema = z.object({
  messageId: z.string(),
  from: z.string(),
  replyTo: z.array(z.string()),
  destination: z.object({ to: z.array(z.string()), cc: z.array(z.string()), bcc: z.array(z.string()) }),
  subject: z.string(),
  body: z.object({ html: z.string().optional(), text: z.string().optional() }),
  attachments: z.array(
    z.object({ contentType: z.string(), filename: z.string().optional(), size: z.number() }),
  ),
  at: z.number(),
});

const storeSchema = z.object({ emails: z.array(emailSchema) });

/**
 * Mails sent through the local SES emulator, oldest first. `inboxUrl` is the emulator's root (its
 * web inbox); `since` (epoch seconds) keeps only mails accepted at or after it.
 */
export async function readLocalInbox(inboxUrl: string, since?: number): Promise<LocalInboxEmail[]> {
  const url = new URL("store", inboxUrl.endsWith("/") ? inboxUrl : `${inboxUrl}/`);
  if (since !== undefined) url.searchParams.set("since", String(Math.floor(since)));
  const response = await fetch(url);
  if (!response.ok) throw new Error(`local inbox ${url} answered HTTP ${response.status}`);
  return storeSchema.parse(await response.json()).emails;
}
