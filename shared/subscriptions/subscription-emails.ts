import { renderNotice } from "../email/notice.js";
import type { OutgoingEmail } from "../email/outgoing-email.js";
import type { Subscriber } from "../subscribers/subscriber.js";
import { signedLink, subscriptionLinks } from "./subscription-links.js";
import type { SubscriptionTokens } from "./subscription-token.js";

/** What writing a linked email to a subscriber needs. */
export interface LinkedMail {
  readonly tokens: SubscriptionTokens;
  /** Base URL of the subscription pages the links point at. */
  readonly baseUrl: string;
  readonly from: string;
}

/**
 * The confirmation request. For a new (or returning) address it starts the subscription; for an
 * address already subscribed it only asks whether the preferences of a new sign-up should replace
 * the current ones, which stay as they are unless the owner confirms.
 */
export function confirmationEmail(subscriber: Subscriber, mail: LinkedMail, now = new Date()): OutgoingEmail {
  const confirm = signedLink(mail.baseUrl, mail.tokens, "confirm", subscriber, now, subscriber.pendingId);
  const change = subscriber.status === "active";
  const notice = change
    ? renderNotice({
        heading: "Confirm the changes to your codecurrent subscription",
        preheader:
          "Someone signed this address up again with other preferences. Nothing changes unless you confirm.",
        paragraphs: [
          "Someone (we hope you) signed this address up for codecurrent again, with different preferences.",
          "Your subscription stays exactly as it is unless you open the link and confirm the new preferences. If it was not you, ignore this email.",
        ],
        action: { label: "Review and confirm", url: confirm },
      })
    : renderNotice({
        heading: "Confirm your codecurrent subscription",
        preheader: "One click to start receiving the code changes that touch your codes.",
        paragraphs: [
          "Someone (we hope you) asked codecurrent to email this address the code-set and regulatory changes that touch their codes.",
          "Open the link and press Confirm to start receiving digests. If it was not you, ignore this email: nothing more will be sent.",
        ],
        action: { label: "Confirm subscription", url: confirm },
      });
  return {
    from: mail.from,
    to: subscriber.email,
    subject: change
      ? "Confirm the changes to your codecurrent subscription"
      : "Confirm your codecurrent subscription",
    ...notice,
    tags: { kind: "confirmation", subscriber: subscriber.subscriberId },
  };
}

/** Fresh links for an active subscriber who met a dead or expired one. */
export function freshLinksEmail(subscriber: Subscriber, mail: LinkedMail, now = new Date()): OutgoingEmail {
  const links = subscriptionLinks(mail.baseUrl, mail.tokens, subscriber, now);
  return {
    from: mail.from,
    to: subscriber.email,
    subject: "Your codecurrent links",
    ...renderNotice({
      heading: "Your codecurrent links",
      preheader: "New links to your preferences, your CEU log and unsubscribing.",
      paragraphs: [
        "You asked for new links to your codecurrent subscription. Links in older emails may no longer work; these do.",
        "If you did not ask for them, you can ignore this email.",
      ],
      action: { label: "Change what you receive", url: links.preferences },
      footer: [
        { label: "Log CEUs", url: links.logCeus },
        { label: "Unsubscribe", url: links.unsubscribe },
      ],
    }),
    unsubscribeUrl: links.unsubscribe,
    tags: { kind: "links", subscriber: subscriber.subscriberId },
  };
}
