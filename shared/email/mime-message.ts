import MailComposer from "nodemailer/lib/mail-composer/index.js";
import type { OutgoingEmail } from "./outgoing-email.js";

/**
 * The raw MIME message (multipart/alternative: plain text first, then HTML), built by nodemailer's
 * MailComposer: header encoding, line folding and quoted-printable are easy to get subtly wrong,
 * and it is the most used and maintained composer in the Node ecosystem.
 *
 * `List-Unsubscribe` with `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058) lets
 * Gmail and Yahoo show their unsubscribe button, which bulk senders must support since 2024.
 */
export async function composeMime(email: OutgoingEmail, messageDomain?: string): Promise<Buffer> {
  const headers: Record<string, string> = {};
  if (email.unsubscribeUrl) {
    headers["List-Unsubscribe"] = `<${email.unsubscribeUrl}>`;
    headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
  }
  const composer = new MailComposer({
    from: email.from,
    to: email.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    headers,
    textEncoding: "quoted-printable",
    ...(messageDomain ? { messageId: `<${crypto.randomUUID()}@${messageDomain}>` } : {}),
  });
  return composer.compile().build();
}
