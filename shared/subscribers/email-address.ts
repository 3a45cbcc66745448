import { createHash } from "node:crypto";

/**
 * The one spelling of an address codecurrent stores and compares: trimmed and lower-cased.
 * (The local part is case-sensitive by RFC 5321, but no mailbox provider a coder uses treats it so,
 * and two subscriptions for Jane@ and jane@ would be one person getting every digest twice.)
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Lookup key of an address: sha256 of its normalized form, so the index never holds the address. */
export function emailHash(email: string): string {
  return createHash("sha256").update(normalizeEmail(email)).digest("hex");
}
