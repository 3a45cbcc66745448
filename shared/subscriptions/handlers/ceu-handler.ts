import { localTime } from "../../calendar/local-date.js";
import { CREDENTIAL_RULE, isCredential } from "../../ceu/credentials.js";
import type { HttpRequest } from "../../http/http-request.js";
import type { HttpResponse } from "../../http/http-response.js";
import { CEU_LOG_MAX_ENTRIES, CeuLogFullError, isEntryKey } from "../../subscribers/ceu-log.js";
import { ceuStanding } from "../../subscribers/ceu-standing.js";
import { ceuEntrySchema, type Subscriber } from "../../subscribers/subscriber.js";
import { type FormBody, readFormBody } from "../form-body.js";
import type { FieldError } from "../pages/preferences-form.js";
import { renderPage } from "../pages/render-page.js";
import { SUBSCRIPTION_PATHS } from "../subscription-links.js";
import {
  type LinkHolder,
  linkFor,
  nowOf,
  type SubscriptionPageDependencies,
  seeOther,
  urlOf,
} from "./page-context.js";

interface CeuValues {
  readonly date: string;
  readonly hours: string;
  readonly approvedFor: string;
  readonly activity: string;
}

const NOTICES: Readonly<Record<string, string>> = {
  logged: "Logged. Your standing below includes it.",
  deleted: "The entry is deleted.",
};

/**
 * The CEU log page: each certifying body's cycle (total and each credential's own part), a form to
 * log an activity, and the entries newest first, a page at a time, each deletable. The log has a
 * cap (CEU_LOG_MAX_ENTRIES) with a sentence, not a failure when it is reached.
 */
export async function ceus(
  deps: SubscriptionPageDependencies,
  request: HttpRequest,
  holder: LinkHolder,
): Promise<HttpResponse> {
  const { subscriber } = holder;
  const today = localTime(nowOf(deps), subscriber.timeZone).day;
  const empty: CeuValues = { date: today, hours: "", approvedFor: "", activity: "" };
  if (request.method !== "POST") {
    const before = request.query.before;
    return ceuPage(
      deps,
      holder,
      today,
      empty,
      [],
      NOTICES[request.query.notice ?? ""],
      before && isEntryKey(before) ? before : undefined,
    );
  }
  const form = await readFormBody(request);
  const back = linkFor(deps, "ceu", subscriber);
  if (form.get("action") === "delete") {
    const entry = form.get("entry") ?? "";
    if (isEntryKey(entry)) await deps.ceuLog.remove(subscriber.subscriberId, entry);
    return seeOther(`${back}&notice=deleted`);
  }
  const values = valuesOf(form, today);
  const errors = validate(values, subscriber);
  const parsed = ceuEntrySchema.safeParse({
    date: values.date,
    hours: values.hours.trim() === "" ? undefined : Number(values.hours),
    ...(values.approvedFor ? { approvedFor: values.approvedFor } : {}),
    ...(values.activity.trim() ? { activity: values.activity } : {}),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "hours");
      errors.push({
        field,
        message:
          field === "hours" && values.hours.trim() === ""
            ? "Enter the CEUs earned, e.g. 1.5."
            : issue.message,
      });
    }
  }
  if (errors.length > 0 || !parsed.success)
    return ceuPage(deps, holder, today, values, errors, undefined, undefined, 422);
  try {
    await deps.ceuLog.log(subscriber.subscriberId, parsed.data, nowOf(deps));
  } catch (error) {
    if (!(error instanceof CeuLogFullError)) throw error;
    return ceuPage(
      deps,
      holder,
      today,
      values,
      [{ field: "hours", message: error.message }],
      undefined,
      undefined,
      422,
    );
  }
  return seeOther(`${back}&notice=logged`);
}

function valuesOf(form: FormBody, today: string): CeuValues {
  return {
    date: (form.get("date") ?? "").trim() || today,
    hours: (form.get("hours") ?? "").trim(),
    approvedFor: (form.get("approvedFor") ?? "").trim(),
    activity: (form.get("activity") ?? "").trim(),
  };
}

function validate(values: CeuValues, subscriber: Subscriber): FieldError[] {
  if (values.approvedFor === "") return [];
  const held = subscriber.credentials.some((holding) => holding.credential === values.approvedFor);
  if (!isCredential(values.approvedFor) || !held || !CREDENTIAL_RULE[values.approvedFor].specific) {
    return [
      {
        field: "approvedFor",
        message: "Choose one of your credentials that has CEUs of its own, or general CEUs.",
      },
    ];
  }
  return [];
}

async function ceuPage(
  deps: SubscriptionPageDependencies,
  holder: LinkHolder,
  today: string,
  values: CeuValues,
  errors: readonly FieldError[],
  notice?: string,
  before?: string,
  status = 200,
): Promise<HttpResponse> {
  const { subscriber, token } = holder;
  const [cycles, page] = await Promise.all([
    ceuStanding(subscriber, deps.ceuLog, today),
    deps.ceuLog.page(subscriber.subscriberId, before),
  ]);
  const self = linkFor(deps, "ceu", subscriber);
  return renderPage(
    "ceu",
    {
      home: urlOf(deps, SUBSCRIPTION_PATHS.signUp),
      action: urlOf(deps, SUBSCRIPTION_PATHS.ceu),
      token,
      cycles,
      values,
      errors,
      notice,
      before,
      entries: page.entries,
      olderUrl: page.before ? `${self}&before=${encodeURIComponent(page.before)}#entries` : undefined,
      newerUrl: before ? `${self}#entries` : undefined,
      maxEntries: CEU_LOG_MAX_ENTRIES,
      approvals: subscriber.credentials
        .map((holding) => holding.credential)
        .filter(
          (credential, index, all) =>
            all.indexOf(credential) === index && CREDENTIAL_RULE[credential]?.specific,
        )
        .map((credential) => ({
          id: credential,
          label: `${credential} (${CREDENTIAL_RULE[credential].specific!.topic})`,
        })),
      links: {
        preferences: linkFor(deps, "preferences", subscriber),
        unsubscribe: linkFor(deps, "unsubscribe", subscriber),
      },
    },
    status,
  );
}
