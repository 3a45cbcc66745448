import { daysBetween, localTime } from "../calendar/local-date.js";
import { newlyAnnounced, upcomingEvents } from "../calendar/regulatory-calendar.js";
import type { CeuCycle } from "../ceu/ceu-cycle.js";
import type { ChangeRecord } from "../changes/change-record.js";
import type { OutgoingEmail } from "../email/outgoing-email.js";
import type { Subscriber } from "../subscribers/subscriber.js";
import { digestWindowSubject, signedLink, subscriptionLinks } from "../subscriptions/subscription-links.js";
import type { SubscriptionTokens } from "../subscriptions/subscription-token.js";
import type { ChangeIndex } from "./change-index.js";
import {
  type DigestCaps,
  type DigestContent,
  digestGroups,
  EMAIL_CAPS,
  groupId,
  type HeadsUp,
  systemLabelOf,
} from "./digest-content.js";
import { displayCodeOf } from "./digest-item.js";
import { type RenderedDigest, renderDigest } from "./digest-renderer.js";
import { type InterestProfile, interestProfile } from "./interest-profile.js";
import type { WordingContext } from "./wording/change-wording.js";
import { yourCodes } from "./your-codes.js";

export interface DigestComposer {
  readonly tokens: SubscriptionTokens;
  /** Base URL of the subscription pages. */
  readonly baseUrl: string;
  readonly from: string;
}

/** One reader's digest, before it is rendered: the window it covers and what it found there. */
export interface DigestInput {
  readonly subscriber: Subscriber;
  readonly changes: ChangeIndex;
  /** Their CEU standing (see ceuStanding). */
  readonly ceuCycles: readonly CeuCycle[];
  /** The window: changes detected after `since`, up to `now`. */
  readonly since: string;
  readonly now: Date;
}

export interface ComposedDigest {
  readonly content: DigestContent;
  readonly rendered: RenderedDigest;
  readonly email: OutgoingEmail;
  readonly changeCount: number;
}

const PERIOD_LABELS = { daily: "Daily digest", weekly: "Weekly digest", monthly: "Monthly digest" } as const;

/**
 * One subscriber's digest from the changes of their window: their watchlist's hits first, then the
 * rest of what matches by urgency, the dates coming up (the calendar's, and releases published
 * ahead of their effective date), their CEU standing, and a signed link to the whole digest on a
 * web page. Undefined when there is nothing new to say — no matching change and no date newly
 * announced since the last digest: an empty digest is not sent, and a daily reader is not sent the
 * same heads-up every day.
 */
export function composeDigest(
  input: DigestInput,
  composer: DigestComposer,
  caps: DigestCaps = EMAIL_CAPS,
): ComposedDigest | undefined {
  const content = digestContent(input, composer, caps);
  if (!content) return undefined;
  const { subscriber } = input;
  const rendered = renderDigest(content);
  return {
    content,
    rendered,
    changeCount: content.totalChanges,
    email: {
      from: composer.from,
      to: subscriber.email,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      unsubscribeUrl: content.links.unsubscribe,
      tags: { kind: "digest", subscriber: subscriber.subscriberId },
    },
  };
}

/** What a digest says (the email shows it capped by `caps`; the web page in full). */
export function digestContent(
  input: DigestInput,
  composer: DigestComposer,
  caps: DigestCaps,
  options: {
    /** A content even when nothing is new (the web page of a digest). */
    readonly always?: boolean;
    /** Only the group with this id (the web page's "show all in this group"). */
    readonly onlyGroup?: string;
  } = {},
): DigestContent | undefined {
  const { subscriber, changes, now, since } = input;
  const today = localTime(now, subscriber.timeZone).day;
  const profile = interestProfile(subscriber.interests);
  const inGroup = (change: ChangeRecord) =>
    options.onlyGroup === undefined || groupId(change) === options.onlyGroup;
  const matched = changes.match(profile).filter(inGroup);
  const watched = options.onlyGroup === undefined ? changes.watched(profile) : new Set<ChangeRecord>();
  const lastDay = localTime(new Date(since), subscriber.timeZone).day;
  // The dates of the reader's own code sets (an inpatient coder is not told of the CPT year).
  const calendar = upcomingEvents(today).filter((event) =>
    event.concerns.some((codeSet) => profile.inScope(codeSet.sourceId, codeSet.system)),
  );
  const releases = releaseHeadsUp(changes, profile, matched, today);
  const announced = calendar.filter((event) => newlyAnnounced(event, today, lastDay));
  if (!options.always && matched.length === 0 && announced.length === 0 && releases.length === 0)
    return undefined;

  const context: WordingContext = {
    subcodesOf: (change) => changes.addedUnder(change).map(displayCodeOf),
  };
  const mine = yourCodes(watched, today, context, caps);
  const rest = matched.filter((change) => !watched.has(change));
  const upcoming = matched.filter((change) => (change.effectiveDate?.slice(0, 10) ?? "") > today).length;
  const links = subscriptionLinks(composer.baseUrl, composer.tokens, subscriber, now);
  const fullDigest = signedLink(
    composer.baseUrl,
    composer.tokens,
    "digest",
    subscriber,
    now,
    digestWindowSubject(since, now.toISOString()),
  );
  const headsUp = byDate(today, [...releases, ...calendar]);
  return {
    ...(subscriber.name ? { greetingName: subscriber.name } : {}),
    periodLabel: `${PERIOD_LABELS[subscriber.frequency]}, ${today}`,
    preheader: preheaderOf(mine?.summary[0], matched.length, upcoming, headsUp[0]),
    totalChanges: matched.length,
    upcoming,
    inEffect: matched.length - upcoming,
    ...(mine ? { yourCodes: mine } : {}),
    groups: digestGroups(rest, today, context, caps),
    headsUp,
    ceuCycles: input.ceuCycles,
    links: {
      preferences: links.preferences,
      unsubscribe: links.unsubscribe,
      logCeus: links.logCeus,
      fullDigest,
    },
  };
}

/**
 * Releases of the reader's code sets published in this window ahead of their effective date: the
 * news that a new ICD-10 fiscal year (or NCCI quarter) is out, as soon as it is.
 */
function releaseHeadsUp(
  changes: ChangeIndex,
  profile: InterestProfile,
  matched: readonly ChangeRecord[],
  today: string,
): { date: string; title: string; detail: string }[] {
  return changes
    .upcomingReleases(today)
    .filter((release) => profile.inScope(release.sourceId, release.system))
    .map((release) => {
      const yours = matched.filter(
        (change) => change.sourceId === release.sourceId && change.version === release.version,
      ).length;
      const label = systemLabelOf(release);
      return {
        date: release.effectiveDate,
        title: `${label} ${release.version} is published`,
        detail: `${release.changes} change${release.changes === 1 ? "" : "s"} take effect ${release.effectiveDate}${yours > 0 ? `, ${yours} of them in your codes (below)` : ""}.`,
      };
    });
}

/** Events gathered by date, soonest first. */
function byDate(
  today: string,
  events: readonly { date: string; title: string; detail: string }[],
): HeadsUp[] {
  const dates = new Map<string, { title: string; detail: string }[]>();
  for (const event of events) {
    const list = dates.get(event.date) ?? [];
    list.push({ title: event.title, detail: event.detail });
    dates.set(event.date, list);
  }
  return [...dates.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, list]) => ({ date, daysAway: daysBetween(today, date), events: list }));
}

function preheaderOf(
  first: string | undefined,
  total: number,
  upcoming: number,
  next: HeadsUp | undefined,
): string {
  if (first) return first;
  if (total > 0) {
    return `${total} change${total === 1 ? "" : "s"} in your codes: ${upcoming} upcoming, ${total - upcoming} already in effect.`;
  }
  return next
    ? `Coming up ${next.date}: ${next.events.map((event) => event.title).join("; ")}.`
    : "Your codecurrent digest.";
}
