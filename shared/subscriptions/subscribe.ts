import { renderNotice } from "../email/notice.js";
import type { EmailSender } from "../email/ses-sender.js";
import type { NewSubscriber, Subscriber } from "../subscribers/subscriber.js";
import type { SubscriberStore } from "../subscribers/subscriber-store.js";
import { subscriptionLinks } from "./subscription-links.js";
import type { SubscriptionTokens } from "./subscription-token.js";

/** What signing up needs: somewhere to add the subscriber, and what it takes to send one linked email. */
export interface SignUpDependencies {
  readonly subscribers: Pick<SubscriberStore, "add">;
  readonly sender: EmailSender;
  readonly tokens: SubscriptionTokens;
  /** Base URL of the subscription endpoints the links point at. */
  readonly baseUrl: string;
  readonly from: string;
}

/**
 * Double opt-in, step one: the subscriber is stored as pending and sent a confirmation link. No
 * digest goes out until the link is followed (step two, `confirm` in subscription-api.ts), so an
 * address typed by someone else never receives more than this one email.
 */
export async function subscribe(
  input: NewSubscriber,
  deps: SignUpDependencies,
  now = new Date(),
): Promise<Subscriber> {
  const subscriber = await deps.subscribers.add(input, now);
  await sendConfirmation(subscriber, deps, now);
  return subscriber;
}

export async function sendConfirmation(
  subscriber: Subscriber,
  deps: SignUpDependencies,
  now = new Date(),
): Promise<void> {
  const links = subscriptionLinks(deps.baseUrl, deps.tokens, subscriber.subscriberId, now);
  const notice = renderNotice({
    heading: "Confirm your codecurrent subscription",
    paragraphs: [
      "Someone (we hope you) asked codecurrent to email this address the code-set and regulatory changes that touch their codes.",
      "Confirm to start receiving digests. If it was not you, ignore this email: nothing more will be sent.",
    ],
    action: { label: "Confirm subscription", url: links.confirm },
  });
  await deps.sender.send({
    from: deps.from,
    to: subscriber.email,
    subject: "Confirm your codecurrent subscription",
    ...notice,
    tags: { kind: "confirmation", subscriber: subscriber.subscriberId },
  });
}
