import type { z } from "zod";
import { localTime } from "../calendar/local-date.js";
import { ceuCycles } from "../ceu/ceu-cycle.js";
import { ceuEntrySchema, newSubscriberSchema, preferencesSchema } from "../subscribers/subscriber.js";
import { SubscriberExistsError, type SubscriberStore } from "../subscribers/subscriber-store.js";
import { type SignUpDependencies, subscribe } from "./subscribe.js";
import { SUBSCRIPTION_PATHS } from "./subscription-links.js";
import {
  html,
  json,
  type SubscriptionHandler,
  type SubscriptionRequest,
  type SubscriptionResponse,
  tokenOf,
} from "./subscription-request.js";
import { TokenError, type TokenPurpose } from "./subscription-token.js";

/** What the subscription endpoints need: the subscriber store, tokens, and a sender for confirmations. */
export interface SubscriptionDependencies extends SignUpDependencies {
  readonly subscribers: Pick<SubscriberStore, "add" | "get" | "setStatus" | "updatePreferences" | "logCeus">;
}

/**
 * The token-protected subscription actions as framework-free handlers. Mount each at its path
 * (SUBSCRIPTION_PATHS) or `handle` at `/subscriptions/*`:
 *
 * | method, path | token purpose | does |
 * |---|---|---|
 * | POST /subscriptions | — | sign up (JSON body: email + preferences); 202, confirmation email sent |
 * | GET /subscriptions/confirm?token= | confirm | pending → active; HTML page |
 * | GET /subscriptions/preferences?token= | preferences | the subscriber's preferences (JSON) |
 * | PUT or POST /subscriptions/preferences?token= | preferences | replace them (JSON body, validated) |
 * | GET /subscriptions/unsubscribe?token= | unsubscribe | HTML page with a confirm button (no change: link scanners GET) |
 * | POST /subscriptions/unsubscribe?token= | unsubscribe | unsubscribes; RFC 8058 one-click (`List-Unsubscribe=One-Click` body) and the page's form |
 * | GET /subscriptions/ceus?token= | ceu | CEU cycles: required, earned, remaining, days left (JSON) |
 * | POST /subscriptions/ceus?token= | ceu | log CEUs (JSON `{date, hours, auditing?, activity?}` or form fields) |
 *
 * A missing, malformed, forged, wrong-purpose or expired token answers 400/401/403/410 with
 * `{ error, problem }` — a message a person can act on — and changes nothing.
 */
export function subscriptionApi(deps: SubscriptionDependencies) {
  const signUp: SubscriptionHandler = async (request) => {
    const body = parseBody(request);
    const parsed = newSubscriberSchema.safeParse(body);
    if (!parsed.success) return invalid(parsed.error);
    try {
      await subscribe(parsed.data, deps);
    } catch (error) {
      // Same answer as a new address: whether an address is subscribed is not for strangers to learn.
      if (!(error instanceof SubscriberExistsError)) throw error;
    }
    return json(202, { status: "pending", message: "Check your inbox for a confirmation link." });
  };

  const confirm: SubscriptionHandler = withToken("confirm", async (subscriberId) => {
    const subscriber = await deps.subscribers.get(subscriberId);
    if (!subscriber) return page(404, "Subscription not found", "This subscription no longer exists.");
    if (subscriber.status === "active") return page(200, "Already confirmed", "Your subscription is active.");
    if (
      subscriber.status !== "pending" ||
      !(await deps.subscribers.setStatus(subscriberId, "active", "confirmed"))
    ) {
      return page(
        409,
        "Cannot confirm",
        "This address was unsubscribed or cannot be mailed. Sign up again to restart.",
      );
    }
    return page(200, "Subscription confirmed", "You will receive your first digest at your chosen time.");
  });

  const preferences: SubscriptionHandler = withToken("preferences", async (subscriberId, request) => {
    const subscriber = await deps.subscribers.get(subscriberId);
    if (!subscriber) return json(404, { error: "This subscription no longer exists." });
    if (request.method === "GET") {
      const { interests, frequency, timeZone, sendHour, credentials, status } = subscriber;
      return json(200, { status, interests, frequency, timeZone, sendHour, credentials });
    }
    if (request.method !== "PUT" && request.method !== "POST") return methodNotAllowed("GET, PUT, POST");
    const parsed = preferencesSchema.safeParse(parseBody(request));
    if (!parsed.success) return invalid(parsed.error);
    await deps.subscribers.updatePreferences(subscriberId, parsed.data);
    return json(200, { status: subscriber.status, ...parsed.data });
  });

  const unsubscribe: SubscriptionHandler = withToken("unsubscribe", async (subscriberId, request) => {
    if (request.method === "GET") {
      const token = tokenOf(request) ?? "";
      return html(
        200,
        shell(
          "Unsubscribe from codecurrent?",
          `<p>You will receive no more digests or reminders.</p><form method="post" action=""><input type="hidden" name="token" value="${escapeHtml(token)}"><button type="submit" style="padding:8px 16px;">Unsubscribe</button></form>`,
        ),
      );
    }
    if (request.method !== "POST") return methodNotAllowed("GET, POST");
    const oneClick = /List-Unsubscribe=One-Click/i.test(request.body ?? "");
    const subscriber = await deps.subscribers.get(subscriberId);
    if (subscriber && subscriber.status !== "unsubscribed" && subscriber.status !== "suppressed") {
      await deps.subscribers.setStatus(subscriberId, "unsubscribed", oneClick ? "one-click" : "link");
    }
    // Unsubscribing is idempotent: a second click (or a mail client's retry) gets the same answer.
    return oneClick
      ? json(200, { status: "unsubscribed" })
      : page(200, "Unsubscribed", "You will not hear from codecurrent again.");
  });

  const ceus: SubscriptionHandler = withToken("ceu", async (subscriberId, request) => {
    const subscriber = await deps.subscribers.get(subscriberId);
    if (!subscriber) return json(404, { error: "This subscription no longer exists." });
    const today = localTime(new Date(), subscriber.timeZone).day;
    if (request.method === "POST") {
      const body = parseBody(request) as Record<string, unknown>;
      const parsed = ceuEntrySchema.safeParse({
        ...body,
        date: body.date ?? today,
        hours: typeof body.hours === "string" ? Number(body.hours) : body.hours,
        auditing: body.auditing === true || body.auditing === "true" || body.auditing === "on",
      });
      if (!parsed.success) return invalid(parsed.error);
      await deps.subscribers.logCeus(subscriberId, parsed.data);
      const updated = await deps.subscribers.get(subscriberId);
      return json(201, {
        logged: parsed.data,
        cycles: ceuCycles(updated?.credentials ?? [], updated?.ceus ?? [], today),
      });
    }
    if (request.method !== "GET") return methodNotAllowed("GET, POST");
    return json(200, {
      cycles: ceuCycles(subscriber.credentials, subscriber.ceus, today),
      entries: subscriber.ceus,
    });
  });

  const routes: Readonly<Record<string, SubscriptionHandler>> = {
    "/subscriptions": async (request) =>
      request.method === "POST" ? signUp(request) : methodNotAllowed("POST"),
    [SUBSCRIPTION_PATHS.confirm]: confirm,
    [SUBSCRIPTION_PATHS.preferences]: preferences,
    [SUBSCRIPTION_PATHS.unsubscribe]: unsubscribe,
    [SUBSCRIPTION_PATHS.ceu]: ceus,
  };

  /** Every subscription route by path; anything else under it is a 404. */
  const handle: SubscriptionHandler = async (request) => {
    const route = routes[request.path.replace(/\/+$/, "") || "/"];
    return route ? route(request) : json(404, { error: `no subscription endpoint at ${request.path}` });
  };

  return { signUp, confirm, preferences, unsubscribe, ceus, handle, routes };

  function withToken(
    purpose: TokenPurpose,
    action: (subscriberId: string, request: SubscriptionRequest) => Promise<SubscriptionResponse>,
  ): SubscriptionHandler {
    return async (request) => {
      const token = tokenOf(request);
      if (!token)
        return json(400, {
          error: "This link has no token. Copy the whole link from the email.",
          problem: "missing",
        });
      try {
        const claims = deps.tokens.verify(token, purpose);
        return await action(claims.subscriberId, request);
      } catch (error) {
        if (!(error instanceof TokenError)) throw error;
        const status = { malformed: 400, "bad-signature": 401, "wrong-purpose": 403, expired: 410 }[
          error.problem
        ];
        return json(status, { error: error.message, problem: error.problem });
      }
    };
  }
}

function parseBody(request: SubscriptionRequest): unknown {
  const body = request.body ?? "";
  if (body.trim() === "") return {};
  if (body.trim().startsWith("{")) {
    try {
      return JSON.parse(body);
    } catch {
      return { __invalid: true };
    }
  }
  return Object.fromEntries(new URLSearchParams(body));
}

function invalid(error: z.ZodError): SubscriptionResponse {
  return json(422, {
    error: "Some fields are not valid.",
    fields: error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
  });
}

function methodNotAllowed(allow: string): SubscriptionResponse {
  return { ...json(405, { error: `use ${allow}` }), headers: { ...json(405, {}).headers, allow } };
}

function page(status: number, title: string, message: string): SubscriptionResponse {
  return html(status, shell(title, `<p>${escapeHtml(message)}</p>`));
}

function shell(title: string, inner: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head><body style="font-family:Arial,Helvetica,sans-serif;max-width:560px;margin:40px auto;padding:0 16px;color:#111827;"><h1 style="font-size:20px;">${escapeHtml(title)}</h1>${inner}</body></html>`;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
