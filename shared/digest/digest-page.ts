import { nowOf, tokenProblemPage, urlOf } from "../subscriptions/handlers/page-context.js";
import { definePage, renderPage } from "../subscriptions/pages/render-page.js";
import type { LinkedPage } from "../subscriptions/subscription-api.js";
import {
  digestWindowOf,
  SUBSCRIPTION_PATHS,
  subscriptionLinks,
} from "../subscriptions/subscription-links.js";
import type { ChangeWindow } from "./change-window.js";
import { digestContent } from "./compose-digest.js";
import { DIGEST_PAGE } from "./templates/digest-page.js";

definePage("digest", DIGEST_PAGE);

/** The web page shows every group up to this many changes, and a group's own page up to the second figure. */
export const WEB_ITEMS_PER_GROUP = 50;
export const WEB_ITEMS_IN_ONE_GROUP = 2000;

/**
 * The digest page behind the email's signed "see them all" link: the same window of the change log,
 * matched against the reader's current preferences, worded by the same modules as the email, with
 * no cap on groups. `?group=` shows one group in full.
 */
export function digestPage(changes: Pick<ChangeWindow, "between">): LinkedPage {
  return async (deps, request, holder) => {
    const window = digestWindowOf(holder.claims.subject);
    if (!window) return tokenProblemPage(deps, "malformed", "This digest link does not name a period.");
    const only = typeof request.query.group === "string" ? request.query.group : undefined;
    const index = await changes.between(window.since, window.until);
    const content = digestContent(
      {
        subscriber: holder.subscriber,
        changes: index,
        ceuCycles: [],
        since: window.since,
        now: new Date(window.until),
      },
      { tokens: deps.tokens, baseUrl: deps.baseUrl, from: "" },
      only
        ? { perGroup: WEB_ITEMS_IN_ONE_GROUP, perDigest: WEB_ITEMS_IN_ONE_GROUP, watched: 0 }
        : {
            perGroup: WEB_ITEMS_PER_GROUP,
            perDigest: Number.POSITIVE_INFINITY,
            watched: Number.POSITIVE_INFINITY,
          },
      { always: true, ...(only ? { onlyGroup: only } : {}) },
    )!;
    const links = subscriptionLinks(deps.baseUrl, deps.tokens, holder.subscriber, nowOf(deps));
    const self = `${urlOf(deps, SUBSCRIPTION_PATHS.digest)}?token=${encodeURIComponent(holder.token)}`;
    return renderPage("digest", {
      home: urlOf(deps, SUBSCRIPTION_PATHS.signUp),
      content: only ? { ...content, yourCodes: undefined } : content,
      only,
      windowLabel: `Changes found ${window.since.slice(0, 10)} to ${window.until.slice(0, 10)}`,
      links: { ...links, whole: self },
      groupUrl: (id: string) => `${self}&group=${encodeURIComponent(id)}#${id}`,
    });
  };
}
