import type { HttpRequest } from "../../http/http-request.js";
import type { HttpResponse } from "../../http/http-response.js";
import { preferencesOf } from "../../subscribers/subscriber.js";
import { preferencesSummary } from "../pages/preferences-summary.js";
import { renderPage } from "../pages/render-page.js";
import { SUBSCRIPTION_PATHS } from "../subscription-links.js";
import {
  type LinkHolder,
  linkFor,
  messagePage,
  nowOf,
  type SubscriptionPageDependencies,
  seeOther,
  urlOf,
} from "./page-context.js";

/**
 * Double opt-in, step two. GET only shows what confirming does and a button: mail scanners and
 * link previews follow every link in an email, and must not confirm anything. The POST from the
 * page confirms — only the latest confirmation link of the subscription's current generation —
 * and lands on the preferences page.
 */
export async function confirm(
  deps: SubscriptionPageDependencies,
  request: HttpRequest,
  holder: LinkHolder,
): Promise<HttpResponse> {
  const { subscriber, claims, token } = holder;
  const current = claims.subject !== undefined && subscriber.pendingId === claims.subject;
  if (request.method === "POST") {
    const outcome = current
      ? await deps.subscribers.confirm(
          subscriber.subscriberId,
          claims.generation,
          claims.subject!,
          nowOf(deps),
        )
      : "stale";
    if (outcome === "stale") return staleConfirmation(deps, holder);
    return seeOther(`${linkFor(deps, "preferences", subscriber)}&notice=${outcome}`);
  }
  if (!current) return staleConfirmation(deps, holder);
  const change = subscriber.status === "active";
  return renderPage("confirm", {
    home: urlOf(deps, SUBSCRIPTION_PATHS.signUp),
    action: urlOf(deps, SUBSCRIPTION_PATHS.confirm),
    token,
    heading: change ? "Confirm your new preferences" : "Confirm your subscription",
    paragraphs: change
      ? [
          "This address is already subscribed. A sign-up asked to replace its preferences with these; nothing changes unless you press the button.",
        ]
      : ["One step left: press the button to start receiving codecurrent digests at this address."],
    summary: preferencesSummary(subscriber.pendingPreferences ?? preferencesOf(subscriber)),
    button: change ? "Use these preferences" : "Confirm subscription",
  });
}

function staleConfirmation(deps: SubscriptionPageDependencies, holder: LinkHolder): HttpResponse {
  if (holder.subscriber.status === "active" && holder.subscriber.pendingId === undefined) {
    return messagePage(deps, {
      heading: "Your subscription is confirmed",
      paragraphs: ["There is nothing left to confirm: your subscription is active."],
      links: [
        { label: "See or change what you receive", url: linkFor(deps, "preferences", holder.subscriber) },
      ],
    });
  }
  return messagePage(
    deps,
    {
      heading: "This confirmation link was replaced",
      paragraphs: [
        "A newer confirmation email was sent to this address, and only its link confirms. Open the latest email from codecurrent, or ask for a fresh link below.",
      ],
      newLink: {},
    },
    409,
  );
}
