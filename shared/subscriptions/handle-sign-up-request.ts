import { randomBytes, randomUUID } from "node:crypto";
import type { DeliveryKind, DeliveryStore } from "../deliveries/delivery-store.js";
import type { OutgoingEmail } from "../email/outgoing-email.js";
import type { EmailSender } from "../email/ses-sender.js";
import type { AddressRegistry } from "../subscribers/address-registry.js";
import { UNFINISHED_CLAIM_MS } from "../subscribers/address-registry.js";
import { emailHash, normalizeEmail } from "../subscribers/email-address.js";
import type { Preferences, Subscriber } from "../subscribers/subscriber.js";
import type { SubscriberStore } from "../subscribers/subscriber-store.js";
import type { SignUpRequest } from "./sign-up-request.js";
import { confirmationEmail, freshLinksEmail, type LinkedMail } from "./subscription-emails.js";

/** What the sign-up worker needs. */
export interface SignUpDependencies extends LinkedMail {
  readonly subscribers: Pick<SubscriberStore, "create" | "get" | "findByEmail" | "stagePending">;
  readonly addresses: Pick<AddressRegistry, "claim" | "owner" | "takeOver">;
  readonly deliveries: Pick<DeliveryStore, "claim" | "markSent" | "release">;
  readonly sender: EmailSender;
}

export type SignUpOutcome =
  /** The confirmation (or the fresh links) went out. */
  | { readonly status: "sent"; readonly subscriberId: string; readonly created: boolean }
  /** This address got its one confirmation (or links) email of the day already: nothing sent. */
  | { readonly status: "limited"; readonly subscriberId: string }
  /** Another request for the same address is creating its subscriber right now. */
  | { readonly status: "in-flight" }
  /** Bounced or complained, or (new-link) unsubscribed or unknown: nothing is sent to it. */
  | { readonly status: "not-mailable" };

/**
 * How many confirmation (or fresh-link) emails one address gets per day, whatever the number of
 * requests: a flood of sign-ups for someone else's address sends them one email.
 */
const PER_DAY_KEY: Readonly<Record<"confirmation" | "links", (day: string) => string>> = {
  confirmation: (day) => `confirmation#${day}`,
  links: (day) => `links#${day}`,
};

/**
 * The sign-up worker. For a new address: one subscriber (the address is claimed with a
 * conditional write, so concurrent sign-ups create one), pending, and a confirmation email. For a
 * known address: the new preferences wait, unapplied, for the owner to confirm them (an
 * unsubscribed address starts over at pending, with a new token generation that kills its old
 * links). Either way at most one confirmation email per address per day. Retried safely: SQS may
 * deliver a request twice, and the day's delivery claim stops the second email.
 */
export async function handleSignUpRequest(
  request: SignUpRequest,
  deps: SignUpDependencies,
  now = new Date(),
): Promise<SignUpOutcome> {
  const email = normalizeEmail(request.email);
  if (request.kind === "new-link") return sendFreshLink(email, deps, now);

  const owner = await ownerOf(email, deps, now);
  if (owner === "in-flight") return { status: "in-flight" };
  if (!owner.created) return stageAndConfirm(owner.subscriber, request.preferences, request.name, deps, now);
  // The id is this request's own (a fresh one it claimed the address for): nothing else writes it.
  const subscriber = newSubscriber(email, request.name, request.preferences, owner.subscriberId, now);
  // The day's email is claimed before the subscriber exists: a concurrent sign-up that already
  // finds the new subscriber then finds its email taken too, rather than taking it first and
  // sending "confirm the changes" for an address whose first confirmation never went out.
  const key = PER_DAY_KEY.confirmation(utcDay(now));
  if (!(await deps.deliveries.claim(subscriber.subscriberId, key, "confirmation", now))) {
    return { status: "limited", subscriberId: subscriber.subscriberId };
  }
  await deps.subscribers.create(subscriber);
  return sendClaimed(subscriber, key, confirmationEmail(subscriber, deps, now), deps, true);
}

type Owner =
  | { readonly created: true; readonly subscriberId: string }
  | { readonly created: false; readonly subscriber: Subscriber };

/**
 * Who owns the address: `{created: true}` with the id to create when this request claimed it
 * (or took over a claim whose subscriber was never written); the existing subscriber otherwise.
 */
async function ownerOf(email: string, deps: SignUpDependencies, now: Date): Promise<Owner | "in-flight"> {
  const hash = emailHash(email);
  const candidate = `sub_${randomUUID()}`;
  // Subscribers from before the addresses table are found by their index and claimed under their own id.
  const earlier = (await deps.addresses.owner(hash)) ? undefined : await deps.subscribers.findByEmail(email);
  const owner = await deps.addresses.claim(hash, earlier?.subscriberId ?? candidate, now);
  if (owner.subscriberId === candidate) return { created: true, subscriberId: candidate };
  const subscriber = await deps.subscribers.get(owner.subscriberId);
  if (subscriber) return { created: false, subscriber };
  // Claimed, but its subscriber not written: another request is writing it, or died doing so.
  if (now.getTime() - Date.parse(owner.claimedAt) < UNFINISHED_CLAIM_MS) return "in-flight";
  return (await deps.addresses.takeOver(hash, owner, candidate, now))
    ? { created: true, subscriberId: candidate }
    : "in-flight";
}

async function stageAndConfirm(
  subscriber: Subscriber,
  preferences: Preferences,
  name: string | undefined,
  deps: SignUpDependencies,
  now: Date,
): Promise<SignUpOutcome> {
  if (subscriber.status === "suppressed") return { status: "not-mailable" };
  const key = PER_DAY_KEY.confirmation(utcDay(now));
  // The day's one email is claimed before anything is staged: a request that may not mail the
  // owner must not leave preferences waiting behind the link they already have.
  if (!(await deps.deliveries.claim(subscriber.subscriberId, key, "confirmation", now))) {
    return { status: "limited", subscriberId: subscriber.subscriberId };
  }
  const staged = await deps.subscribers.stagePending(
    subscriber,
    { pendingId: newPendingId(), preferences, ...(name ? { name } : {}) },
    now,
  );
  if (!staged) {
    await deps.deliveries.release(subscriber.subscriberId, key);
    throw new Error("the subscriber changed while a sign-up was being staged; the request will be retried");
  }
  return sendClaimed(staged, key, confirmationEmail(staged, deps, now), deps);
}

async function sendFreshLink(email: string, deps: SignUpDependencies, now: Date): Promise<SignUpOutcome> {
  const owner = await deps.addresses.owner(emailHash(email));
  const subscriber = owner
    ? await deps.subscribers.get(owner.subscriberId)
    : await deps.subscribers.findByEmail(email);
  if (subscriber?.status === "active") {
    return sendOnce(subscriber, "links", freshLinksEmail(subscriber, deps, now), deps, now, false);
  }
  if (subscriber?.status === "pending") {
    // The confirmation again: its pending preferences (if any) stay; a new link replaces the old.
    const key = PER_DAY_KEY.confirmation(utcDay(now));
    if (!(await deps.deliveries.claim(subscriber.subscriberId, key, "confirmation", now))) {
      return { status: "limited", subscriberId: subscriber.subscriberId };
    }
    const staged = await deps.subscribers.stagePending(
      subscriber,
      {
        pendingId: newPendingId(),
        ...(subscriber.pendingPreferences ? { preferences: subscriber.pendingPreferences } : {}),
        ...(subscriber.pendingName ? { name: subscriber.pendingName } : {}),
      },
      now,
    );
    if (!staged) {
      await deps.deliveries.release(subscriber.subscriberId, key);
      return { status: "not-mailable" };
    }
    return sendClaimed(staged, key, confirmationEmail(staged, deps, now), deps);
  }
  return { status: "not-mailable" };
}

async function sendOnce(
  subscriber: Subscriber,
  kind: "confirmation" | "links",
  email: OutgoingEmail,
  deps: SignUpDependencies,
  now: Date,
  created: boolean,
): Promise<SignUpOutcome> {
  const key = PER_DAY_KEY[kind](utcDay(now));
  const deliveryKind: DeliveryKind = kind === "links" ? "links" : "confirmation";
  if (!(await deps.deliveries.claim(subscriber.subscriberId, key, deliveryKind, now))) {
    return { status: "limited", subscriberId: subscriber.subscriberId };
  }
  return sendClaimed(subscriber, key, email, deps, created);
}

async function sendClaimed(
  subscriber: Subscriber,
  key: string,
  email: OutgoingEmail,
  deps: SignUpDependencies,
  created = false,
): Promise<SignUpOutcome> {
  let messageId: string;
  try {
    messageId = await deps.sender.send(email);
  } catch (error) {
    // Nothing went out: give the day's claim back so the queue's retry may send it.
    await deps.deliveries.release(subscriber.subscriberId, key);
    throw error;
  }
  await deps.deliveries.markSent(subscriber.subscriberId, key, messageId, 0);
  return { status: "sent", subscriberId: subscriber.subscriberId, created };
}

function newSubscriber(
  email: string,
  name: string | undefined,
  preferences: Preferences,
  subscriberId: string,
  now: Date,
): Subscriber {
  return {
    ...preferences,
    subscriberId,
    email,
    emailHash: emailHash(email),
    ...(name ? { name } : {}),
    status: "pending",
    createdAt: now.toISOString(),
    statusChangedAt: now.toISOString(),
    tokenGeneration: 1,
    pendingId: newPendingId(),
    pendingSince: now.toISOString(),
    ceuEntryCount: 0,
  };
}

function newPendingId(): string {
  return randomBytes(9).toString("base64url");
}

function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}
