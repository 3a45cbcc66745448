import { expect } from "vitest";
import { subscriptionPages } from "#shared/api/create-subscription-api.js";
import type { DigestDependencies } from "#shared/digest/digest-dependencies.js";
import type { HttpResponse } from "#shared/http/http-response.js";
import type { NewSubscriber } from "#shared/subscribers/subscriber.js";
import { newSubscriberSchema } from "#shared/subscribers/subscriber.js";
import { handleSignUpRequest } from "#shared/subscriptions/handle-sign-up-request.js";
import { InProcessSignUpQueue } from "#shared/subscriptions/in-process-sign-up-queue.js";
import { readLocalInbox } from "../../../infra/local/local-inbox.js";

/**
 * The subscription pages on a local stack, as a person's browser (or a mail client) reaches them:
 * by the links in the emails the local SES inbox holds. Sign-ups go through the in-process queue
 * and the real sign-up worker, as in `npm start`.
 */
export function localPages(deps: DigestDependencies, clock?: () => Date) {
  const signUps = new InProcessSignUpQueue((request) =>
    handleSignUpRequest(request, deps, clock?.() ?? new Date(request.requestedAt)),
  );
  const pages = subscriptionPages({ ...deps, signUps, ...(clock ? { clock } : {}) }, deps.changes);
  /** GET or POST a URL of the pages (an absolute link from an email, or a path). */
  const open = async (
    url: string,
    options: { method?: string; form?: Record<string, string>; body?: string; contentType?: string } = {},
  ): Promise<HttpResponse> => {
    const parsed = new URL(url, deps.baseUrl);
    const body = options.form ? new URLSearchParams(options.form).toString() : options.body;
    return pages.handle({
      method: options.method ?? (body === undefined ? "GET" : "POST"),
      path: parsed.pathname.replace(new URL(deps.baseUrl).pathname.replace(/\/$/, ""), "") || "/",
      query: Object.fromEntries(parsed.searchParams),
      headers:
        body === undefined
          ? {}
          : { "content-type": options.contentType ?? "application/x-www-form-urlencoded" },
      ...(body === undefined ? {} : { body }),
    });
  };
  return { pages, signUps, open };
}

/** The first link to `path` (e.g. `/subscriptions/confirm`) in an email's text. */
export function linkIn(text: string | undefined, path: string): string {
  const match = new RegExp(`https?://\\S+${path.replace(/\//g, "\\/")}\\?token=[\\w.%-]+`).exec(text ?? "");
  if (!match) throw new Error(`no ${path} link in:\n${text}`);
  return match[0];
}

/** The mails the local SES inbox holds for one address, oldest first. */
export async function inboxOf(inboxUrl: string, address: string) {
  return (await readLocalInbox(inboxUrl)).filter((email) => email.destination.to.includes(address));
}

/** The hidden token of a page's form: what pressing its button posts. */
export function formToken(page: HttpResponse): string {
  const match = /<input type="hidden" name="token" value="([^"]+)">/.exec(String(page.body));
  if (!match) throw new Error(`no form token in:\n${String(page.body).slice(0, 2000)}`);
  return match[1]!.replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code)));
}

/**
 * Double opt-in end to end: the sign-up worker mails the confirmation; its link's page is opened
 * and its button pressed. Returns the subscriber id.
 */
export async function signUpAndConfirm(
  deps: DigestDependencies,
  inboxUrl: string,
  input: NewSubscriber,
  now = new Date(),
): Promise<string> {
  const { email, name, ...preferences } = newSubscriberSchema.parse(input);
  const outcome = await handleSignUpRequest(
    { kind: "sign-up", email, ...(name ? { name } : {}), preferences, requestedAt: now.toISOString() },
    deps,
    now,
  );
  expect(outcome.status).toBe("sent");
  const mails = await inboxOf(inboxUrl, email);
  const confirmation = mails.filter((mail) => /^Confirm/.test(mail.subject)).at(-1);
  const { open } = localPages(deps, () => now);
  const page = await open(linkIn(confirmation?.body.text, "/subscriptions/confirm"));
  expect(page.status).toBe(200);
  const pressed = await open("/subscriptions/confirm", { form: { token: formToken(page) } });
  expect(pressed.status).toBe(303);
  return outcome.status === "sent" ? outcome.subscriberId : "";
}
