import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Authenticator } from "./authenticator.js";

/** A fresh random credential for a local run, printed at start-up. */
export function newLocalToken(): string {
  return randomBytes(24).toString("base64url");
}

/**
 * The local stand-in for Cognito: one bearer token, known to whoever started `npm start`.
 * Compared through fixed-length digests in constant time, so response timing says nothing about
 * how much of a guess was right.
 */
export function localTokenAuthenticator(token: string): Authenticator {
  if (token.length < 16) throw new Error("the local API token must be at least 16 characters");
  const expected = digest(token);
  return (request) => {
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? "");
    if (!match?.[1]) return undefined;
    return timingSafeEqual(digest(match[1]), expected) ? { subject: "local" } : undefined;
  };
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}
