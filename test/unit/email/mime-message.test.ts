import { describe, expect, it } from "vitest";
import { composeMime } from "#shared/email/mime-message.js";

describe("the MIME message", () => {
  it("carries RFC 8058 one-click unsubscribe headers and both parts, text first", async () => {
    const raw = (
      await composeMime({
        from: "digest@example.org",
        to: "coder@example.org",
        subject: "codecurrent: 3 changes in ICD-10-CM",
        text: "I25.10 Revised",
        html: "<p>I25.10 Revised</p>",
        unsubscribeUrl: "https://api.example.org/subscriptions/unsubscribe?token=abc.def",
      })
    ).toString();
    // Long headers are folded onto continuation lines (RFC 5322); read them unfolded.
    const head = raw.slice(0, raw.indexOf("\r\n\r\n")).replace(/\r\n[ \t]+/g, " ");
    expect(head).toMatch(
      /^List-Unsubscribe: <https:\/\/api\.example\.org\/subscriptions\/unsubscribe\?token=abc\.def>$/m,
    );
    expect(head).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    expect(head).toMatch(/^Content-Type: multipart\/alternative/m);
    expect(raw.indexOf("text/plain")).toBeLessThan(raw.indexOf("text/html"));
  });

  it("leaves the unsubscribe headers off a confirmation request", async () => {
    const raw = (
      await composeMime({ from: "a@example.org", to: "b@example.org", subject: "s", text: "t", html: "h" })
    ).toString();
    expect(raw).not.toMatch(/List-Unsubscribe/);
  });
});
