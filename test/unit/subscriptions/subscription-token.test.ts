import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SubscriptionTokens, TokenError } from "#shared/subscriptions/subscription-token.js";

const tokens = new SubscriptionTokens("a-test-secret-that-is-long-enough-1234567890");
const NOW = new Date("2026-11-23T12:00:00Z");
const problem = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof TokenError) return error.problem;
    throw error;
  }
  return "accepted";
};

describe("subscription tokens", () => {
  it("verify for their own purpose and name the subscriber", () => {
    const token = tokens.sign("unsubscribe", "sub_1", { generation: 1 }, NOW);
    expect(tokens.verify(token, "unsubscribe", NOW)).toMatchObject({
      purpose: "unsubscribe",
      subscriberId: "sub_1",
    });
  });

  it("are bound to one purpose: an unsubscribe token cannot change preferences", () => {
    const token = tokens.sign("unsubscribe", "sub_1", { generation: 1 }, NOW);
    expect(problem(() => tokens.verify(token, "preferences", NOW))).toBe("wrong-purpose");
  });

  it("expire: a confirmation link after 7 days, an unsubscribe link after a year", () => {
    const confirm = tokens.sign("confirm", "sub_1", { generation: 1 }, NOW);
    expect(problem(() => tokens.verify(confirm, "confirm", new Date("2026-11-30T11:59:00Z")))).toBe(
      "accepted",
    );
    expect(problem(() => tokens.verify(confirm, "confirm", new Date("2026-11-30T12:00:01Z")))).toBe(
      "expired",
    );
    const unsubscribe = tokens.sign("unsubscribe", "sub_1", { generation: 1 }, NOW);
    expect(problem(() => tokens.verify(unsubscribe, "unsubscribe", new Date("2027-11-20T00:00:00Z")))).toBe(
      "accepted",
    );
  });

  it("reject a tampered payload, another secret's signature, and garbage, each with a clear message", () => {
    const token = tokens.sign("ceu", "sub_1", { generation: 1 }, NOW);
    const [body, signature] = token.split(".") as [string, string];
    const forged = Buffer.from(Buffer.from(body, "base64url").toString().replace("sub_1", "sub_2")).toString(
      "base64url",
    );
    expect(problem(() => tokens.verify(`${forged}.${signature}`, "ceu", NOW))).toBe("bad-signature");
    const other = new SubscriptionTokens("another-secret-that-is-long-enough-0987654321");
    expect(problem(() => other.verify(token, "ceu", NOW))).toBe("bad-signature");
    expect(problem(() => tokens.verify("not-a-token", "ceu", NOW))).toBe("malformed");
    expect(problem(() => tokens.verify(token.slice(0, 20), "ceu", NOW))).toBe("malformed");
    expect(problem(() => tokens.verify(undefined, "ceu", NOW))).toBe("malformed");
    expect(() => tokens.verify("x.y", "ceu", NOW)).toThrow(/incomplete or damaged/);
  });

  it("carry the subscriber's token generation and what the link is about, and read older tokens as generation 0", () => {
    const token = tokens.sign("confirm", "sub_1", { generation: 3, subject: "pending-7" }, NOW);
    expect(tokens.verify(token, "confirm", NOW)).toMatchObject({ generation: 3, subject: "pending-7" });
    // A link from before generations: payload version 1, no generation.
    const body = Buffer.from(
      JSON.stringify({ v: 1, p: "unsubscribe", s: "sub_1", e: NOW.getTime() / 1000 + 86_400 }),
    ).toString("base64url");
    const signature = createHmac("sha256", "a-test-secret-that-is-long-enough-1234567890")
      .update(`codecurrent/unsubscribe/v1\n${body}`)
      .digest("base64url");
    expect(tokens.verify(`${body}.${signature}`, "unsubscribe", NOW)).toMatchObject({ generation: 0 });
  });

  it("refuse a short secret", () => {
    expect(() => new SubscriptionTokens("short")).toThrow(/at least 32 bytes/);
  });
});
