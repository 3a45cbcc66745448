import { describe, expect, it } from "vitest";
import type { OutgoingEmail } from "#shared/email/outgoing-email.js";
import type { AddressOwner } from "#shared/subscribers/address-registry.js";
import { preferencesSchema, type Subscriber } from "#shared/subscribers/subscriber.js";
import {
  handleSignUpRequest,
  type SignUpDependencies,
} from "#shared/subscriptions/handle-sign-up-request.js";
import { SubscriptionTokens } from "#shared/subscriptions/subscription-token.js";

const NOW = new Date("2026-11-02T15:00:00Z");
const PREFERENCES = preferencesSchema.parse({
  interests: { workSetting: "professional-fee", specialties: ["cardiology"] },
});
const signUp = (deps: SignUpDependencies) =>
  handleSignUpRequest(
    { kind: "sign-up", email: "dana@example.org", preferences: PREFERENCES, requestedAt: NOW.toISOString() },
    deps,
    NOW,
  );

/**
 * Stores in memory, with a hook that runs when the first sign-up writes its new subscriber: the
 * moment a second, concurrent sign-up can find that subscriber and everything it does next.
 */
function stores(onCreate: (subscriber: Subscriber) => Promise<void>) {
  const subscribers = new Map<string, Subscriber>();
  const addresses = new Map<string, AddressOwner>();
  const deliveries = new Set<string>();
  const sent: OutgoingEmail[] = [];
  const deps: SignUpDependencies = {
    tokens: new SubscriptionTokens("a test secret of enough length for HMAC"),
    baseUrl: "https://codecurrent.example.org",
    from: "digest@codecurrent.example.org",
    subscribers: {
      create: async (subscriber) => {
        subscribers.set(subscriber.subscriberId, subscriber);
        await onCreate(subscriber);
        return true;
      },
      get: async (id) => subscribers.get(id),
      findByEmail: async () => undefined,
      stagePending: async (subscriber, pending) => {
        const staged = {
          ...subscriber,
          pendingId: pending.pendingId,
          ...(pending.preferences ? { pendingPreferences: pending.preferences } : {}),
        };
        subscribers.set(subscriber.subscriberId, staged);
        return staged;
      },
    },
    addresses: {
      claim: async (hash, subscriberId) => {
        const owner = addresses.get(hash) ?? { subscriberId, claimedAt: NOW.toISOString() };
        addresses.set(hash, owner);
        return owner;
      },
      owner: async (hash) => addresses.get(hash),
      takeOver: async () => false,
    },
    deliveries: {
      claim: async (subscriberId, key) => {
        const id = `${subscriberId}|${key}`;
        if (deliveries.has(id)) return false;
        deliveries.add(id);
        return true;
      },
      markSent: async () => {},
      release: async (subscriberId, key) => {
        deliveries.delete(`${subscriberId}|${key}`);
      },
    },
    sender: {
      send: async (email) => {
        sent.push(email);
        return `message-${sent.length}`;
      },
    },
  };
  return { deps, sent };
}

describe("two sign-ups for one new address, the second arriving while the first writes its subscriber", () => {
  it("send one confirmation, from the sign-up that created the subscriber, and no 'confirm the changes'", async () => {
    let second: Promise<unknown> | undefined;
    const { deps, sent } = stores(async () => {
      second ??= signUp(deps);
      await second;
    });
    const first = await signUp(deps);
    expect(first).toMatchObject({ status: "sent", created: true });
    expect(await second).toEqual({
      status: "limited",
      subscriberId: (first as { subscriberId: string }).subscriberId,
    });
    expect(sent.map((mail) => mail.subject)).toEqual(["Confirm your codecurrent subscription"]);
  });
});
