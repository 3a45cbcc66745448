import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { describe, expect, it, vi } from "vitest";
import { createSubscriptionApi } from "#shared/api/create-subscription-api.js";
import type { Logger } from "#shared/log/index.js";
import { preferencesSchema, type Subscriber } from "#shared/subscribers/subscriber.js";
import type { SignUpRequest } from "#shared/subscriptions/sign-up-request.js";
import {
  type SubscriptionPageDependencies,
  subscriptionApi,
} from "#shared/subscriptions/subscription-api.js";
import { SubscriptionTokens } from "#shared/subscriptions/subscription-token.js";
import { restApiHandler } from "../../../functions/http/rest-api-adapter.js";

const tokens = new SubscriptionTokens("a-test-secret-that-is-long-enough-1234567890");
const ACTIVE: Subscriber = {
  ...preferencesSchema.parse({ interests: { workSetting: "professional-fee", specialties: ["cardiology"] } }),
  subscriberId: "sub_1",
  email: "dana@example.org",
  emailHash: "h",
  status: "active",
  createdAt: "2026-01-01T00:00:00Z",
  tokenGeneration: 2,
};

/** Stores that know one active subscriber and record what the pages ask of them. */
function stubbedDependencies(subscriber: Subscriber = ACTIVE, overrides: Record<string, unknown> = {}) {
  const queued: SignUpRequest[] = [];
  const subscribers = {
    get: vi.fn(async (id: string) => (id === subscriber.subscriberId ? subscriber : undefined)),
    confirm: vi.fn(async () => "confirmed" as const),
    unsubscribe: vi.fn(async () => true),
    updatePreferences: vi.fn(async () => {}),
    ...overrides,
  };
  const ceuLog = {
    log: vi.fn(),
    remove: vi.fn(),
    page: vi.fn(async () => ({ entries: [] })),
    since: vi.fn(async () => []),
  };
  const deps: SubscriptionPageDependencies = {
    subscribers,
    ceuLog,
    signUps: { enqueue: vi.fn(async (request: SignUpRequest) => void queued.push(request)) },
    tokens,
    baseUrl: "https://pages.example.org/prod",
  };
  return { deps, subscribers, queued };
}

/** The subscription function's wiring (functions/subscriptions.ts): the REST API adapter over the pages. */
function subscriptionEventHandler(
  dependencies: () => Promise<SubscriptionPageDependencies>,
  logger?: Logger,
) {
  return restApiHandler(
    createSubscriptionApi({
      pages: async () => subscriptionApi(await dependencies()),
      ...(logger ? { logger } : {}),
    }),
  );
}

/** A REST API (payload 1.0) proxy event as API Gateway sends it from the stage. */
function event(
  method: string,
  path: string,
  options: {
    query?: Record<string, string>;
    headers?: Record<string, string>;
    body?: string;
    base64?: boolean;
  } = {},
): APIGatewayProxyEvent {
  return {
    httpMethod: method,
    path,
    resource: "/subscriptions/{proxy+}",
    queryStringParameters: options.query ?? null,
    multiValueQueryStringParameters: null,
    headers: options.headers ?? {},
    multiValueHeaders: {},
    pathParameters: null,
    stageVariables: null,
    body:
      options.body === undefined
        ? null
        : options.base64
          ? Buffer.from(options.body).toString("base64")
          : options.body,
    isBase64Encoded: !!options.base64,
    requestContext: { requestId: "req-1" },
  } as unknown as APIGatewayProxyEvent;
}

const form = (fields: Record<string, string>) => ({
  headers: { "Content-Type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields).toString(),
});
const sign = (purpose: Parameters<typeof tokens.sign>[0], subject?: string, generation = 2) =>
  tokens.sign(purpose, "sub_1", { generation, ...(subject ? { subject } : {}) });

async function call(
  handler: ReturnType<typeof subscriptionEventHandler>,
  e: APIGatewayProxyEvent,
): Promise<APIGatewayProxyResult> {
  return handler(e);
}

describe("the subscription pages behind the REST API stage (payload 1.0)", () => {
  it("serves the sign-up page as HTML under a strict content security policy", async () => {
    const { deps } = stubbedDependencies();
    const result = await call(
      subscriptionEventHandler(async () => deps),
      event("GET", "/subscriptions"),
    );
    expect(result.statusCode).toBe(200);
    expect(result.headers?.["content-type"]).toBe("text/html; charset=utf-8");
    expect(result.headers?.["content-security-policy"]).toMatch(
      /default-src 'none'; style-src 'sha256-[^']+'/,
    );
    expect(result.headers?.["cache-control"]).toBe("no-store");
    expect(result.body).toContain(
      '<form method="post" action="https://pages.example.org/prod/subscriptions"',
    );
    expect(result.body).toContain('<label for="email">Email address</label>');
  });

  it("answers a tampered link with a page that says so and offers a fresh link, touching no subscriber", async () => {
    const { deps, subscribers } = stubbedDependencies();
    const token = sign("preferences");
    const tampered = `${token.slice(0, 10)}${token[10] === "A" ? "B" : "A"}${token.slice(11)}`;
    const result = await call(
      subscriptionEventHandler(async () => deps),
      event("GET", "/subscriptions/preferences", { query: { token: tampered } }),
    );
    expect(result.statusCode).toBe(400);
    expect(result.headers?.["content-type"]).toMatch(/^text\/html/);
    expect(result.body).toMatch(/<h1>This link (has been changed|is not complete)<\/h1>/);
    expect(result.body).toContain('action="https://pages.example.org/prod/subscriptions/new-link"');
    expect(result.body).not.toMatch(/^\s*\{/);
    expect(subscribers.get).not.toHaveBeenCalled();
  });

  it("answers a link signed before the last unsubscribe or re-sign-up (an older generation) with 'no longer works'", async () => {
    const { deps } = stubbedDependencies();
    const result = await call(
      subscriptionEventHandler(async () => deps),
      event("GET", "/subscriptions/preferences", { query: { token: sign("preferences", undefined, 1) } }),
    );
    expect(result.statusCode).toBe(410);
    expect(result.body).toContain("<h1>This link no longer works</h1>");
  });

  it("confirms nothing on GET (what link scanners send): the page only shows the button", async () => {
    const pending: Subscriber = { ...ACTIVE, status: "pending", pendingId: "p1" };
    const { deps, subscribers } = stubbedDependencies(pending);
    const handler = subscriptionEventHandler(async () => deps);
    const page = await call(
      handler,
      event("GET", "/subscriptions/confirm", { query: { token: sign("confirm", "p1") } }),
    );
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<button type="submit">Confirm subscription</button>');
    expect(subscribers.confirm).not.toHaveBeenCalled();
    const pressed = await call(
      handler,
      event("POST", "/subscriptions/confirm", form({ token: sign("confirm", "p1") })),
    );
    expect(pressed.statusCode).toBe(303);
    expect(pressed.headers?.location).toMatch(
      /^https:\/\/pages\.example\.org\/prod\/subscriptions\/preferences\?token=.+&notice=confirmed$/,
    );
    expect(subscribers.confirm).toHaveBeenCalledWith("sub_1", 2, "p1", expect.any(Date));
  });

  it("accepts the RFC 8058 one-click POST (List-Unsubscribe=One-Click, base64 body as API Gateway sends it)", async () => {
    const { deps, subscribers } = stubbedDependencies();
    const result = await call(
      subscriptionEventHandler(async () => deps),
      event("POST", "/subscriptions/unsubscribe", {
        query: { token: sign("unsubscribe") },
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: "List-Unsubscribe=One-Click",
        base64: true,
      }),
    );
    expect(result.statusCode).toBe(200);
    expect(subscribers.unsubscribe).toHaveBeenCalledWith("sub_1", "one-click", expect.any(Date));
  });

  it("sends the page's unsubscribe form (token in the body, header names in any case) to the unsubscribed page", async () => {
    const { deps, subscribers } = stubbedDependencies();
    const result = await call(
      subscriptionEventHandler(async () => deps),
      event("POST", "/subscriptions/unsubscribe", {
        headers: { "CONTENT-TYPE": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ token: sign("unsubscribe") }).toString(),
      }),
    );
    expect(result.statusCode).toBe(303);
    expect(result.headers?.location).toBe("https://pages.example.org/prod/subscriptions/unsubscribed");
    expect(subscribers.unsubscribe).toHaveBeenCalledWith("sub_1", "link", expect.any(Date));
  });

  it("refuses an invalid sign-up with the page again: an error summary linked to each field, and nothing queued", async () => {
    const { deps, queued } = stubbedDependencies();
    const result = await call(
      subscriptionEventHandler(async () => deps),
      event(
        "POST",
        "/subscriptions",
        form({ email: "not-an-address", "credential-0": "CPC", "cycleEnd-0": "2027-13-45" }),
      ),
    );
    expect(result.statusCode).toBe(422);
    expect(result.body).toContain("<title>Error: Sign up – codecurrent</title>");
    expect(result.body).toContain(
      '<li><a href="#email">Enter your email address, like name@example.org.</a></li>',
    );
    expect(result.body).toContain(
      '<li><a href="#workSetting">Choose where you work: it decides which code sets you receive.</a></li>',
    );
    expect(result.body).toContain(
      '<li><a href="#cycleEnd-0">Credential 1: 2027-13-45 is not a real date: there is no month 13.</a></li>',
    );
    expect(result.body).toContain('aria-invalid="true"');
    expect(queued).toEqual([]);
  });

  it("answers a sign-up for a new and for a known address identically, having looked neither up", async () => {
    const { deps, subscribers, queued } = stubbedDependencies();
    const handler = subscriptionEventHandler(async () => deps);
    const signUp = (email: string) =>
      call(
        handler,
        event(
          "POST",
          "/subscriptions",
          form({ email, workSetting: "professional-fee", specialties: "cardiology" }),
        ),
      );
    const known = await signUp("dana@example.org");
    const fresh = await signUp("someone.new@example.org");
    expect(known).toEqual(fresh);
    expect(known.statusCode).toBe(303);
    expect(known.headers?.location).toBe("https://pages.example.org/prod/subscriptions/check-your-inbox");
    // Both paths do the same work: one queued request each, and no store read to time.
    expect(queued.map((request) => request.kind)).toEqual(["sign-up", "sign-up"]);
    expect(subscribers.get).not.toHaveBeenCalled();
  });

  it("answers 404 and 405 with pages", async () => {
    const { deps } = stubbedDependencies();
    const handler = subscriptionEventHandler(async () => deps);
    const missing = await call(handler, event("GET", "/subscriptions/nothing-here"));
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain("<h1>Page not found</h1>");
    const deleted = await call(handler, event("DELETE", "/subscriptions/unsubscribe"));
    expect(deleted.statusCode).toBe(405);
    expect(deleted.headers?.allow).toBe("GET, POST");
  });

  it("answers an unexpected failure with a page and the request id, logging method and path only", async () => {
    const { deps } = stubbedDependencies(ACTIVE, {
      get: vi.fn(async () => {
        throw new Error("DynamoDB said no: arn:aws:dynamodb:…");
      }),
    });
    const errors: unknown[] = [];
    const logger = { error: (...args: unknown[]) => errors.push(args) } as unknown as Logger;
    const token = sign("preferences");
    const result = await call(
      subscriptionEventHandler(async () => deps, logger),
      event("GET", "/subscriptions/preferences", { query: { token } }),
    );
    expect(result.statusCode).toBe(500);
    expect(result.body).not.toContain("DynamoDB");
    expect(result.body).toContain("reference req-1");
    expect(errors[0]).toEqual([
      "subscription request failed",
      expect.objectContaining({ method: "GET", path: "/subscriptions/preferences", requestId: "req-1" }),
    ]);
    expect(JSON.stringify(errors)).not.toContain(token);
  });

  it("answers 503 while the pages cannot be built (token secret unreadable), and serves the next request once they can", async () => {
    const { deps } = stubbedDependencies();
    const dependencies = vi
      .fn<() => Promise<SubscriptionPageDependencies>>()
      .mockRejectedValueOnce(new Error("ParameterNotFound"))
      .mockResolvedValue(deps);
    const handler = subscriptionEventHandler(dependencies, { error: () => {} } as unknown as Logger);
    const first = await call(handler, event("GET", "/subscriptions"));
    expect(first.statusCode).toBe(503);
    expect(first.body).toContain("Subscriptions are unavailable right now");
    expect((await call(handler, event("GET", "/subscriptions"))).statusCode).toBe(200);
    expect(dependencies).toHaveBeenCalledTimes(2);
  });
});
