import type { HttpRequest } from "../../http/http-request.js";
import type { HttpResponse } from "../../http/http-response.js";
import { preferencesOf } from "../../subscribers/subscriber.js";
import { FormBodyError, readFormBody } from "../form-body.js";
import {
  credentialRows,
  type FieldError,
  PREFERENCE_CHOICES,
  type PreferencesValues,
  readPreferencesForm,
  valuesOf,
} from "../pages/preferences-form.js";
import { renderPage } from "../pages/render-page.js";
import { SUBSCRIPTION_PATHS } from "../subscription-links.js";
import {
  type LinkHolder,
  linkFor,
  type SubscriptionPageDependencies,
  seeOther,
  urlOf,
} from "./page-context.js";

const NOTICES: Readonly<Record<string, string>> = {
  saved: "Your preferences are saved. The next digest follows them.",
  confirmed:
    "Your subscription is confirmed. Your first digest comes at the time chosen below; you can change anything here.",
  applied: "Your new preferences are confirmed and in use.",
};

/** The preferences page: the form filled with what is stored; the POST saves it and comes back here. */
export async function preferences(
  deps: SubscriptionPageDependencies,
  request: HttpRequest,
  holder: LinkHolder,
): Promise<HttpResponse> {
  const { subscriber } = holder;
  if (request.method !== "POST") {
    return preferencesForm(
      deps,
      holder,
      valuesOf(preferencesOf(subscriber)),
      [],
      NOTICES[request.query.notice ?? ""],
    );
  }
  let form: Awaited<ReturnType<typeof readFormBody>>;
  try {
    form = await readFormBody(request);
  } catch (error) {
    if (!(error instanceof FormBodyError)) throw error;
    return preferencesForm(
      deps,
      holder,
      valuesOf(preferencesOf(subscriber)),
      [{ field: "watchlistFile", message: error.message }],
      undefined,
      422,
    );
  }
  // Subscribers from before work settings may keep "every code set" by leaving it unchosen.
  const reading = readPreferencesForm(form, {
    requireWorkSetting: subscriber.interests.workSetting !== undefined,
  });
  if (!reading.preferences)
    return preferencesForm(deps, holder, reading.values, reading.errors, undefined, 422);
  await deps.subscribers.updatePreferences(subscriber.subscriberId, reading.preferences);
  return seeOther(`${linkFor(deps, "preferences", subscriber)}&notice=saved`);
}

function preferencesForm(
  deps: SubscriptionPageDependencies,
  holder: LinkHolder,
  values: PreferencesValues,
  errors: readonly FieldError[],
  notice?: string,
  status = 200,
): HttpResponse {
  const { subscriber } = holder;
  const pendingNote =
    subscriber.status === "pending"
      ? "Your subscription is not confirmed yet: press the button in the confirmation email to start receiving digests."
      : subscriber.pendingPreferences
        ? `A sign-up on ${subscriber.pendingSince?.slice(0, 10) ?? "a recent day"} asked to replace these preferences. They change only if the link in that confirmation email is used.`
        : undefined;
  return renderPage(
    "preferences",
    {
      home: urlOf(deps, SUBSCRIPTION_PATHS.signUp),
      action: urlOf(deps, SUBSCRIPTION_PATHS.preferences),
      token: holder.token,
      values,
      rows: credentialRows(values),
      choices: PREFERENCE_CHOICES,
      errors,
      notice,
      pendingNote,
      links: {
        logCeus: linkFor(deps, "ceu", subscriber),
        unsubscribe: linkFor(deps, "unsubscribe", subscriber),
      },
    },
    status,
  );
}
