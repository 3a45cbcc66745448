import { SendEmailCommand, SendRawEmailCommand } from "@aws-sdk/client-ses";
import { describe, expect, it } from "vitest";
import { readLocalInbox } from "../../../infra/local/local-inbox.js";
import { startSesLocal } from "../../../infra/local/ses-local.js";
import { useLocalStack } from "../support/local-stack.js";

const local = useLocalStack();

describe("SES stand-in (aws-ses-v2-local)", () => {
  it("starts with an empty inbox, even after mail went through an earlier one in the same process", async () => {
    await local.clients.ses.send(
      new SendEmailCommand({
        Source: "digest@codecurrent.test",
        Destination: { ToAddresses: ["earlier@example.test"] },
        Message: { Subject: { Data: "sent before" }, Body: { Text: { Data: "x" } } },
      }),
    );
    expect((await readLocalInbox(local.stack.urls.inbox)).length).toBeGreaterThan(0);

    // The emulator keeps its mail in the module, not the server: a new one must not show old mail.
    const fresh = await startSesLocal();
    try {
      expect(await readLocalInbox(fresh.inboxUrl)).toEqual([]);
    } finally {
      await fresh.stop();
    }
  });

  it("delivers SendEmail to the local inbox with subject, recipients and both bodies", async () => {
    const { MessageId } = await local.clients.ses.send(
      new SendEmailCommand({
        Source: "digest@codecurrent.test",
        Destination: { ToAddresses: ["coder@example.test"] },
        Message: {
          Subject: { Data: "ICD-10-CM FY2019: 279 new codes" },
          Body: { Text: { Data: "A00.0 revised" }, Html: { Data: "<p>A00.0 revised</p>" } },
        },
      }),
    );

    const mail = (await readLocalInbox(local.stack.urls.inbox)).find(
      (email) => email.messageId === MessageId,
    );
    expect(mail).toMatchObject({
      from: "digest@codecurrent.test",
      destination: { to: ["coder@example.test"] },
      subject: "ICD-10-CM FY2019: 279 new codes",
      body: { text: "A00.0 revised", html: "<p>A00.0 revised</p>" },
    });
  });

  it("delivers SendRawEmail (a MIME message) to the local inbox", async () => {
    const mime = [
      "From: digest@codecurrent.test",
      "To: auditor@example.test",
      "Subject: HCPCS 2026-Q4 digest",
      "List-Unsubscribe: <https://codecurrent.test/u/abc>",
      "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "",
      "G0011 terminated",
      "",
    ].join("\r\n");
    const { MessageId } = await local.clients.ses.send(
      new SendRawEmailCommand({ RawMessage: { Data: Buffer.from(mime) } }),
    );

    const mail = (await readLocalInbox(local.stack.urls.inbox)).find(
      (email) => email.messageId === MessageId,
    );
    expect(mail).toMatchObject({
      from: "digest@codecurrent.test",
      destination: { to: ["auditor@example.test"] },
      subject: "HCPCS 2026-Q4 digest",
    });
    expect(mail?.body.text?.trim()).toBe("G0011 terminated");
  });

  it("serves its web inbox at the root", async () => {
    const response = await fetch(local.stack.urls.inbox);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/text\/html/);
  });
});
