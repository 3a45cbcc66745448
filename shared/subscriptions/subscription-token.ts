import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * What a link may do. A token is bound to one purpose: an unsubscribe link forwarded to a
 * colleague cannot change preferences, and a CEU link cannot confirm an address.
 */
export const TOKEN_PURPOSES = ["confirm", "preferences", "unsubscribe", "ceu", "digest"] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

/**
 * How long each link works. Confirmation is short (an unconfirmed address may not be its
 * owner's); unsubscribe links must keep working in old digests a reader finds months later; a
 * digest's web page as long as a reader may come back to a quarter's changes.
 */
export const TOKEN_LIFETIME_DAYS: Readonly<Record<TokenPurpose, number>> = {
  confirm: 7,
  preferences: 60,
  unsubscribe: 365,
  ceu: 60,
  digest: 120,
};

export type TokenProblem = "malformed" | "bad-signature" | "wrong-purpose" | "expired" | "revoked";

const MESSAGES: Readonly<Record<TokenProblem, string>> = {
  malformed: "This link is incomplete or damaged: part of it may have been cut off when it was copied.",
  "bad-signature": "This link was changed after codecurrent sent it, so it cannot be trusted.",
  "wrong-purpose": "This link is for a different page. Use the matching link from your email.",
  expired: "This link has expired.",
  revoked:
    "This link no longer works: the subscription was unsubscribed or signed up again after the email was sent, or a newer email replaced it.",
};

export class TokenError extends Error {
  constructor(readonly problem: TokenProblem) {
    super(MESSAGES[problem]);
    this.name = "TokenError";
  }
}

export interface TokenClaims {
  readonly purpose: TokenPurpose;
  readonly subscriberId: string;
  /** Epoch seconds. */
  readonly expiresAt: number;
  /** The subscriber's token generation when the link was signed (see `Subscriber.tokenGeneration`). */
  readonly generation: number;
  /** What the link is about: a confirmation's pending id, a digest page's window. */
  readonly subject?: string;
}

export interface SignOptions {
  readonly generation: number;
  readonly subject?: string;
}

/** v1 tokens (before generations) verify as generation 0. */
interface Payload {
  readonly v: 1 | 2;
  readonly p: TokenPurpose;
  readonly s: string;
  readonly e: number;
  readonly g?: number;
  readonly x?: string;
}

/**
 * Signs and checks subscription tokens: `base64url(payload).base64url(HMAC-SHA256(payload))`.
 * The purpose is inside the signed payload and is also mixed into the key, so a token can never
 * verify under another purpose even if a payload check were forgotten. Whether the generation is
 * still the subscriber's is for the caller to check against the stored subscriber.
 */
export class SubscriptionTokens {
  constructor(private readonly secret: string) {
    if (Buffer.byteLength(secret) < 32)
      throw new Error("the subscription token secret must be at least 32 bytes");
  }

  sign(purpose: TokenPurpose, subscriberId: string, options: SignOptions, now = new Date()): string {
    const payload: Payload = {
      v: 2,
      p: purpose,
      s: subscriberId,
      e: Math.floor(now.getTime() / 1000) + TOKEN_LIFETIME_DAYS[purpose] * 86_400,
      g: options.generation,
      ...(options.subject === undefined ? {} : { x: options.subject }),
    };
    const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
    return `${body}.${this.mac(purpose, body).toString("base64url")}`;
  }

  /** The claims of a valid token for `purpose`, or a TokenError saying what is wrong with it. */
  verify(token: string | undefined, purpose: TokenPurpose, now = new Date()): TokenClaims {
    const parts = (token ?? "").trim().split(".");
    if (parts.length !== 2 || !/^[A-Za-z0-9_-]+$/.test(parts[0]!) || !/^[A-Za-z0-9_-]+$/.test(parts[1]!)) {
      throw new TokenError("malformed");
    }
    const [body, signature] = parts as [string, string];
    const payload = parsePayload(body);
    const given = Buffer.from(signature, "base64url");
    const expected = this.mac(payload.p, body);
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new TokenError("bad-signature");
    if (payload.p !== purpose) throw new TokenError("wrong-purpose");
    if (payload.e * 1000 <= now.getTime()) throw new TokenError("expired");
    return {
      purpose: payload.p,
      subscriberId: payload.s,
      expiresAt: payload.e,
      generation: payload.g ?? 0,
      ...(payload.x === undefined ? {} : { subject: payload.x }),
    };
  }

  private mac(purpose: string, body: string): Buffer {
    return createHmac("sha256", this.secret).update(`codecurrent/${purpose}/v1\n${body}`).digest();
  }
}

function parsePayload(body: string): Payload {
  try {
    const value = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Partial<Payload>;
    if (
      (value.v === 1 || value.v === 2) &&
      typeof value.p === "string" &&
      (TOKEN_PURPOSES as readonly string[]).includes(value.p) &&
      typeof value.s === "string" &&
      value.s.length > 0 &&
      typeof value.e === "number" &&
      (value.g === undefined || Number.isInteger(value.g)) &&
      (value.x === undefined || typeof value.x === "string")
    ) {
      return value as Payload;
    }
  } catch {
    // falls through to the one error a caller sees for every unreadable token
  }
  throw new TokenError("malformed");
}
