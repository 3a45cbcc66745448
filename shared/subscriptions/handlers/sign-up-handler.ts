import { z } from "zod";
import type { HttpRequest } from "../../http/http-request.js";
import type { HttpResponse } from "../../http/http-response.js";
import { FormBodyError, readFormBody } from "../form-body.js";
import {
  credentialRows,
  EMPTY_VALUES,
  type FieldError,
  PREFERENCE_CHOICES,
  type PreferencesValues,
  readPreferencesForm,
} from "../pages/preferences-form.js";
import { renderPage } from "../pages/render-page.js";
import { SUBSCRIPTION_PATHS } from "../subscription-links.js";
import { messagePage, nowOf, type SubscriptionPageDependencies, seeOther, urlOf } from "./page-context.js";

const emailSchema = z.email().max(254);
const EMAIL_PROBLEM = "Enter your email address, like name@example.org.";

/**
 * The sign-up page, and its form. Whatever the address — new, subscribed, unsubscribed, bounced —
 * a valid form is answered the same way at once: the request is queued and the person is sent to
 * "check your inbox". The answer reads nothing about the address, so neither its body, its headers
 * nor its timing can tell a stranger whether the address is subscribed.
 */
export async function signUp(
  deps: SubscriptionPageDependencies,
  request: HttpRequest,
): Promise<HttpResponse> {
  if (request.method !== "POST")
    return signUpForm(deps, { email: "", name: "", values: EMPTY_VALUES, errors: [] });
  let form: Awaited<ReturnType<typeof readFormBody>>;
  try {
    form = await readFormBody(request);
  } catch (error) {
    if (!(error instanceof FormBodyError)) throw error;
    return signUpForm(
      deps,
      {
        email: "",
        name: "",
        values: EMPTY_VALUES,
        errors: [{ field: "watchlistFile", message: error.message }],
      },
      422,
    );
  }
  const email = (form.get("email") ?? "").trim();
  const name = (form.get("name") ?? "").trim().slice(0, 120);
  const reading = readPreferencesForm(form, { requireWorkSetting: true });
  const errors: FieldError[] = [];
  if (!emailSchema.safeParse(email).success) errors.push({ field: "email", message: EMAIL_PROBLEM });
  errors.push(...reading.errors);
  if (errors.length > 0 || !reading.preferences) {
    return signUpForm(deps, { email, name, values: reading.values, errors }, 422);
  }
  await deps.signUps.enqueue({
    kind: "sign-up",
    email,
    ...(name ? { name } : {}),
    preferences: reading.preferences,
    requestedAt: nowOf(deps).toISOString(),
  });
  return seeOther(urlOf(deps, SUBSCRIPTION_PATHS.checkInbox));
}

function signUpForm(
  deps: SubscriptionPageDependencies,
  state: { email: string; name: string; values: PreferencesValues; errors: readonly FieldError[] },
  status = 200,
): HttpResponse {
  return renderPage(
    "sign-up",
    {
      home: urlOf(deps, SUBSCRIPTION_PATHS.signUp),
      action: urlOf(deps, SUBSCRIPTION_PATHS.signUp),
      email: state.email,
      name: state.name,
      values: state.values,
      rows: credentialRows(state.values),
      choices: PREFERENCE_CHOICES,
      errors: state.errors,
    },
    status,
  );
}

/** "Email me a fresh link": queued like a sign-up, answered like one, whatever the address. */
export async function newLink(
  deps: SubscriptionPageDependencies,
  request: HttpRequest,
): Promise<HttpResponse> {
  if (request.method !== "POST") return seeOther(urlOf(deps, SUBSCRIPTION_PATHS.signUp));
  const form = await readFormBody(request).catch(() => undefined);
  const email = (form?.get("email") ?? "").trim();
  if (!emailSchema.safeParse(email).success) {
    return messagePage(
      deps,
      {
        heading: "Get a fresh link",
        paragraphs: ["Enter the address your codecurrent emails go to."],
        newLink: { email },
        errors: [{ field: "email", message: EMAIL_PROBLEM }],
      },
      422,
    );
  }
  await deps.signUps.enqueue({ kind: "new-link", email, requestedAt: nowOf(deps).toISOString() });
  return seeOther(`${urlOf(deps, SUBSCRIPTION_PATHS.checkInbox)}?for=link`);
}

/** Where both forms land. It names no address and says nothing about whether it is subscribed. */
export async function checkInbox(
  deps: SubscriptionPageDependencies,
  request: HttpRequest,
): Promise<HttpResponse> {
  const forLink = request.query.for === "link";
  return messagePage(deps, {
    heading: "Check your inbox",
    paragraphs: forLink
      ? [
          "If that address is subscribed to codecurrent, an email with links that work is on its way.",
          "Nothing within a few minutes? Look in your spam or junk folder. We send at most one such email to an address per day.",
        ]
      : [
          "If that address can receive codecurrent email, a confirmation link is on its way. Open it within 7 days and press Confirm: nothing is sent until you do.",
          "If the address was already subscribed, the email asks whether to use the preferences you just chose; your current ones stay until you confirm.",
          "Nothing within a few minutes? Look in your spam or junk folder. We send at most one confirmation email to an address per day.",
        ],
    links: [{ label: "Back to the sign-up page", url: urlOf(deps, SUBSCRIPTION_PATHS.signUp) }],
  });
}

export async function unsubscribed(deps: SubscriptionPageDependencies): Promise<HttpResponse> {
  return messagePage(deps, {
    heading: "You are unsubscribed",
    paragraphs: [
      "codecurrent will send no more digests or CEU reminders to this address. Links in the emails you received no longer work.",
      "Changed your mind? Sign up again to restart: you will be asked to confirm the address.",
    ],
    links: [{ label: "Sign up again", url: urlOf(deps, SUBSCRIPTION_PATHS.signUp) }],
  });
}
