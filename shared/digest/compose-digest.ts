import { addDays, localTime } from "../calendar/local-date.js";
import { HEADS_UP_DAYS, upcomingEvents } from "../calendar/regulatory-calendar.js";
import { ceuCycles } from "../ceu/ceu-cycle.js";
import type { OutgoingEmail } from "../email/outgoing-email.js";
import type { Subscriber } from "../subscribers/subscriber.js";
import { subscriptionLinks } from "../subscriptions/subscription-links.js";
import type { SubscriptionTokens } from "../subscriptions/subscription-token.js";
import type { ChangeIndex } from "./change-index.js";
import { type DigestContent, digestGroups } from "./digest-content.js";
import { type RenderedDigest, renderDigest } from "./digest-renderer.js";
import { interestProfile } from "./interest-profile.js";

export interface DigestComposer {
  readonly tokens: SubscriptionTokens;
  /** Base URL of the subscription endpoints. */
  readonly baseUrl: string;
  readonly from: string;
}

export interface ComposedDigest {
  readonly content: DigestContent;
  readonly rendered: RenderedDigest;
  readonly email: OutgoingEmail;
  readonly changeCount: number;
}

const PERIOD_LABELS = { daily: "Daily digest", weekly: "Weekly digest", monthly: "Monthly digest" } as const;

/**
 * One subscriber's digest from the changes of their window (`since` is where it starts): only what
 * matches, the regulatory dates of the next two weeks, and their CEU standing. Undefined when
 * there is nothing new to say — no matching change and no date that came into the two-week
 * heads-up since the last digest: an empty digest is not sent, and a daily reader is not sent the
 * same heads-up fourteen times.
 */
export function composeDigest(
  subscriber: Subscriber,
  changes: ChangeIndex,
  composer: DigestComposer,
  now = new Date(),
  since?: string,
): ComposedDigest | undefined {
  const today = localTime(now, subscriber.timeZone).day;
  const matched = changes.match(interestProfile(subscriber.interests));
  const headsUp = upcomingEvents(today);
  const lastDay = since ? localTime(new Date(since), subscriber.timeZone).day : undefined;
  const newlyAnnounced = headsUp.filter((event) => !lastDay || addDays(event.date, -HEADS_UP_DAYS) > lastDay);
  if (matched.length === 0 && newlyAnnounced.length === 0) return undefined;
  const links = subscriptionLinks(composer.baseUrl, composer.tokens, subscriber.subscriberId, now);
  const content: DigestContent = {
    ...(subscriber.name ? { greetingName: subscriber.name } : {}),
    periodLabel: `${PERIOD_LABELS[subscriber.frequency]}, ${today}`,
    groups: digestGroups(matched, today),
    totalChanges: matched.length,
    headsUp,
    ceuCycles: ceuCycles(subscriber.credentials, subscriber.ceus, today),
    links: { preferences: links.preferences, unsubscribe: links.unsubscribe, logCeus: links.logCeus },
  };
  const rendered = renderDigest(content);
  return {
    content,
    rendered,
    changeCount: matched.length,
    email: {
      from: composer.from,
      to: subscriber.email,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      unsubscribeUrl: links.unsubscribe,
      tags: { kind: "digest", subscriber: subscriber.subscriberId },
    },
  };
}
