import { randomUUID } from "node:crypto";
import type { AddressRegistry } from "../subscribers/address-registry.js";
import { emailHash, normalizeEmail } from "../subscribers/email-address.js";
import type { Preferences, Subscriber } from "../subscribers/subscriber.js";
import type { SubscriberStore } from "../subscribers/subscriber-store.js";

export class AddressTakenError extends Error {
  constructor() {
    super("that address is already subscribed");
    this.name = "AddressTakenError";
  }
}

/**
 * An operator's subscriber who opted in elsewhere (`codecurrent subscribers add --confirmed`):
 * active at once, no confirmation email. The address is claimed like any sign-up's, so it still
 * has one subscriber at most.
 */
export async function addConfirmedSubscriber(
  input: { readonly email: string; readonly name?: string; readonly preferences: Preferences },
  deps: {
    readonly subscribers: Pick<SubscriberStore, "create">;
    readonly addresses: Pick<AddressRegistry, "claim">;
  },
  now = new Date(),
): Promise<Subscriber> {
  const email = normalizeEmail(input.email);
  const subscriberId = `sub_${randomUUID()}`;
  const owner = await deps.addresses.claim(emailHash(email), subscriberId, now);
  if (owner.subscriberId !== subscriberId) throw new AddressTakenError();
  const subscriber: Subscriber = {
    ...input.preferences,
    subscriberId,
    email,
    emailHash: emailHash(email),
    ...(input.name ? { name: input.name } : {}),
    status: "active",
    statusReason: "operator",
    createdAt: now.toISOString(),
    statusChangedAt: now.toISOString(),
    confirmedAt: now.toISOString(),
    tokenGeneration: 1,
    ceuEntryCount: 0,
  };
  await deps.subscribers.create(subscriber);
  return subscriber;
}
