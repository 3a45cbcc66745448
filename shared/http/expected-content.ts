/** What kind of body the caller expects; checked before the bytes reach a parser. */
export type ExpectedContent = "zip" | "text" | "json" | "html";

/** How a body fails its expectation: an HTML page from a firewall, or just the wrong kind of file. */
export type ContentMismatch = "bot-check" | "unexpected-content";

export interface ReceivedContent {
  readonly bytes: Buffer;
  readonly contentType?: string;
  /** The final URL's host differs from the requested one. */
  readonly offHost: boolean;
  readonly status: number;
}

const ZIP_MAGIC = [
  Buffer.from([0x50, 0x4b, 0x03, 0x04]),
  // An empty archive is only an end-of-central-directory record.
  Buffer.from([0x50, 0x4b, 0x05, 0x06]),
];

// Phrases of the challenge and block pages that CDNs and WAFs (Akamai, Cloudflare, Imperva,
// Radware) serve in place of the file a crawler asked for.
const BOT_CHECK_MARKERS =
  /captcha|access denied|are you a robot|just a moment|attention required|request unsuccessful|incapsula|perfdrive|verify you are (a )?human|enable javascript and cookies/i;

/** Undefined when the body looks like `expected`; otherwise why it does not. */
export function contentMismatch(
  expected: ExpectedContent,
  received: ReceivedContent,
): ContentMismatch | undefined {
  if (matches(expected, received)) return undefined;
  return looksLikeHtml(received) && (received.offHost || looksLikeBotCheck(received))
    ? "bot-check"
    : "unexpected-content";
}

/** A 403 HTML page is how most firewalls refuse a crawler; other 403s are plain permission errors. */
export function isBotCheckRefusal(received: ReceivedContent): boolean {
  return looksLikeHtml(received) && (received.status === 403 || looksLikeBotCheck(received));
}

function matches(expected: ExpectedContent, received: ReceivedContent): boolean {
  const { bytes } = received;
  switch (expected) {
    case "zip":
      return ZIP_MAGIC.some((magic) => bytes.subarray(0, magic.length).equals(magic));
    case "html":
      return looksLikeHtml(received);
    case "json": {
      const first = leadingText(bytes).trimStart()[0];
      return first === "{" || first === "[";
    }
    case "text":
      // Publishers' text files are never HTML and never binary; a NUL byte means a binary file.
      return !looksLikeHtml(received) && !bytes.subarray(0, 8192).includes(0);
  }
}

function looksLikeHtml({ bytes, contentType }: ReceivedContent): boolean {
  if (contentType !== undefined && /\b(text\/html|application\/xhtml\+xml)\b/i.test(contentType)) return true;
  return /^\s*(<!doctype html|<html|<head|<body)/i.test(leadingText(bytes));
}

function looksLikeBotCheck({ bytes }: ReceivedContent): boolean {
  return BOT_CHECK_MARKERS.test(bytes.subarray(0, 65_536).toString("latin1"));
}

function leadingText(bytes: Buffer): string {
  const head = bytes.subarray(0, 1024).toString("utf8");
  return head.charCodeAt(0) === 0xfeff ? head.slice(1) : head;
}
