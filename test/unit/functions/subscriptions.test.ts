import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { describe, expect, it, vi } from "vitest";
import { createSubscriptionApi } from "#shared/api/create-subscription-api.js";
import type { EmailSender } from "#shared/email/ses-sender.js";
import type { Logger } from "#shared/log/index.js";
import type { Subscriber } from "#shared/subscribers/subscriber.js";
import type { SubscriberStore } from "#shared/subscribers/subscriber-store.js";
import { type SubscriptionDependencies, subscriptionApi } from "#shared/subscriptions/subscription-api.js";
import { SubscriptionTokens } from "#shared/subscriptions/subscription-token.js";
import { httpApiHandler } from "../../../functions/http/http-api-adapter.js";

const tokens = new SubscriptionTokens("a-test-secret-that-is-long-enough-1234567890");

/** A subscriber store that knows one active subscriber and records status moves. */
function stubbedDependencies(overrides: Partial<Record<"get" | "setStatus", unknown>> = {}) {
  const subscriber = { subscriberId: "sub_1", status: "active" } as Subscriber;
  const subscribers = {
    get: vi.fn(async (id: string) => (id === "sub_1" ? subscriber : undefined)),
    setStatus: vi.fn(async () => true),
    ...overrides,
  };
  const sender: EmailSender = { send: vi.fn(async () => "message-1") };
  const deps: SubscriptionDependencies = {
    subscribers: subscribers as unknown as SubscriberStore,
    sender,
    tokens,
    baseUrl: "https://api.example.org",
    from: "digest@example.org",
  };
  return { deps, subscribers, sender };
}

/** The subscription function's wiring (functions/subscriptions.ts): the payload 2.0 adapter over the subscription API. */
function subscriptionEventHandler(dependencies: () => Promise<SubscriptionDependencies>, logger?: Logger) {
  return httpApiHandler(
    createSubscriptionApi({
      handlers: async () => subscriptionApi(await dependencies()),
      ...(logger ? { logger } : {}),
    }),
  );
}

/** An HTTP API payload 2.0 event as API Gateway sends it to a route without an authorizer. */
function event(
  method: string,
  rawPath: string,
  options: {
    query?: Record<string, string>;
    headers?: Record<string, string>;
    body?: string;
    base64?: boolean;
  } = {},
): APIGatewayProxyEventV2 {
  const body = options.body;
  return {
    version: "2.0",
    routeKey: `${method} ${rawPath}`,
    rawPath,
    rawQueryString: new URLSearchParams(options.query ?? {}).toString(),
    ...(options.query ? { queryStringParameters: options.query } : {}),
    headers: options.headers ?? {},
    ...(body === undefined ? {} : { body: options.base64 ? Buffer.from(body).toString("base64") : body }),
    isBase64Encoded: !!options.base64,
    requestContext: {
      requestId: "req-1",
      http: { method, path: rawPath, protocol: "HTTP/1.1", sourceIp: "192.0.2.1", userAgent: "test" },
    },
  } as unknown as APIGatewayProxyEventV2;
}

async function call(
  handler: ReturnType<typeof subscriptionEventHandler>,
  e: APIGatewayProxyEventV2,
): Promise<APIGatewayProxyStructuredResultV2 & { statusCode: number; body: string }> {
  return (await handler(e)) as APIGatewayProxyStructuredResultV2 & { statusCode: number; body: string };
}

describe("subscription Lambda handler (HTTP API payload 2.0)", () => {
  it("answers a malformed token with 400 JSON naming the problem, touching nothing", async () => {
    const { deps, subscribers } = stubbedDependencies();
    const handler = subscriptionEventHandler(async () => deps);
    const result = await call(
      handler,
      event("GET", "/subscriptions/preferences", { query: { token: "not-a-token" } }),
    );
    expect(result.statusCode).toBe(400);
    expect(result.headers?.["content-type"]).toMatch(/^application\/json/);
    expect(result.headers?.["cache-control"]).toBe("no-store");
    expect(JSON.parse(result.body)).toMatchObject({ problem: "malformed" });
    expect(subscribers.get).not.toHaveBeenCalled();
  });

  it("accepts the RFC 8058 one-click POST (List-Unsubscribe=One-Click, base64 body as API Gateway sends it)", async () => {
    const { deps, subscribers } = stubbedDependencies();
    const handler = subscriptionEventHandler(async () => deps);
    const token = tokens.sign("unsubscribe", "sub_1");
    const result = await call(
      handler,
      event("POST", "/subscriptions/unsubscribe", {
        query: { token },
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: "List-Unsubscribe=One-Click",
        base64: true,
      }),
    );
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ status: "unsubscribed" });
    expect(subscribers.setStatus).toHaveBeenCalledWith("sub_1", "unsubscribed", "one-click");
  });

  it("takes the token from the page's form body when the URL has none (header names in any case)", async () => {
    const { deps, subscribers } = stubbedDependencies();
    const handler = subscriptionEventHandler(async () => deps);
    const token = tokens.sign("unsubscribe", "sub_1");
    const result = await call(
      handler,
      event("POST", "/subscriptions/unsubscribe", {
        headers: { "CONTENT-TYPE": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ token }).toString(),
      }),
    );
    expect(result.statusCode).toBe(200);
    expect(result.headers?.["content-type"]).toMatch(/^text\/html/);
    expect(subscribers.setStatus).toHaveBeenCalledWith("sub_1", "unsubscribed", "link");
  });

  it("serves sign-up at POST /subscriptions: an invalid form is 422 with the fields, and no email goes out", async () => {
    const { deps, sender } = stubbedDependencies();
    const handler = subscriptionEventHandler(async () => deps);
    const result = await call(
      handler,
      event("POST", "/subscriptions", {
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "not-an-address" }),
      }),
    );
    expect(result.statusCode).toBe(422);
    expect(JSON.parse(result.body).fields.map((field: { path: string }) => field.path)).toContain("email");
    expect(sender.send).not.toHaveBeenCalled();
  });

  it("answers 404 for an unknown path and 405 for a method no route takes", async () => {
    const { deps } = stubbedDependencies();
    const handler = subscriptionEventHandler(async () => deps);
    expect((await call(handler, event("GET", "/subscriptions/nothing-here"))).statusCode).toBe(404);
    const deleted = await call(handler, event("DELETE", "/subscriptions/unsubscribe"));
    expect(deleted.statusCode).toBe(405);
    expect(deleted.headers?.allow).toMatch(/\bPOST\b/);
  });

  it("answers an unexpected failure with a bare 500 and the request id, logging method and path only", async () => {
    const { deps } = stubbedDependencies({
      get: vi.fn(async () => {
        throw new Error("DynamoDB said no: arn:aws:dynamodb:…");
      }),
    });
    const errors: unknown[] = [];
    const logger = { error: (...args: unknown[]) => errors.push(args) } as unknown as Logger;
    const handler = subscriptionEventHandler(async () => deps, logger);
    const token = tokens.sign("preferences", "sub_1");
    const result = await call(handler, event("GET", "/subscriptions/preferences", { query: { token } }));
    expect(result.statusCode).toBe(500);
    expect(result.body).not.toContain("DynamoDB");
    expect(JSON.parse(result.body)).toMatchObject({ error: "internal", requestId: "req-1" });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toEqual([
      "subscription request failed",
      expect.objectContaining({ method: "GET", path: "/subscriptions/preferences", requestId: "req-1" }),
    ]);
    expect(JSON.stringify(errors)).not.toContain(token);
  });

  it("answers 503 while its dependencies cannot be built (token secret unreadable), and serves the next request once they can", async () => {
    const { deps } = stubbedDependencies();
    const dependencies = vi
      .fn<() => Promise<SubscriptionDependencies>>()
      .mockRejectedValueOnce(new Error("ParameterNotFound"))
      .mockResolvedValue(deps);
    const handler = subscriptionEventHandler(dependencies, { error: () => {} } as unknown as Logger);
    const first = await call(handler, event("GET", "/subscriptions/preferences", { query: { token: "x" } }));
    expect(first.statusCode).toBe(503);
    expect(JSON.parse(first.body)).toMatchObject({ error: "unavailable", requestId: "req-1" });
    const second = await call(handler, event("GET", "/subscriptions/preferences", { query: { token: "x" } }));
    expect(second.statusCode).toBe(400);
    expect(dependencies).toHaveBeenCalledTimes(2);
  });
});
